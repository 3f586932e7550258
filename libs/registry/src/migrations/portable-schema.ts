import { TableForeignKey, type QueryRunner, type TableColumnOptions } from 'typeorm';

// Shared by the registry's migrations. Released migrations depend on what these
// produce: change only by adding, never by altering an existing shape.

export function isMysqlFamily(queryRunner: QueryRunner): boolean {
  const type = queryRunner.connection.options.type;
  return type === 'mysql' || type === 'mariadb';
}

export function foreignKey(name: string, column: string, referencedTable: string): TableForeignKey {
  return new TableForeignKey({
    name,
    columnNames: [column],
    referencedTableName: referencedTable,
    referencedColumnNames: ['id'],
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  });
}

/**
 * Column shapes of the registry's migrations. On MySQL every string column names its
 * collation, because the database default may be anything (MySQL 8 picks
 * utf8mb4_0900_ai_ci, old servers latin1):
 * - codes, ids and names are compared and indexed, so they get utf8mb4_bin —
 *   byte-exact like SQLite's BINARY, so a unique key or a search behaves the same
 *   on both. utf8mb4_unicode_ci would also equate every character outside the BMP
 *   (𠮷 = 𩸽) and fold case in unique keys that SQLite keeps apart. Search folds
 *   case itself with LOWER().
 * - free text (JSON payloads, attribute values) gets utf8mb4_unicode_ci.
 * SQLite stores UTF-8 and has neither setting.
 */
export class ColumnFactory {
  constructor(private readonly mysql: boolean) {}

  id(): TableColumnOptions {
    return { ...this.code('id', 36), isPrimary: true };
  }

  code(name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return {
      name,
      type: 'varchar',
      length: String(length),
      isNullable: false,
      ...(this.mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
      ...extra,
    };
  }

  text(name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return {
      name,
      type: 'text',
      isNullable: false,
      ...(this.mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' } : {}),
      ...extra,
    };
  }

  /** Millisecond precision: JavaScript dates carry milliseconds and must round-trip. */
  timestamp(name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: 'datetime', precision: 3, isNullable: false, ...extra };
  }

  /** A double-precision number (a match weight or probability). */
  double(name: string): TableColumnOptions {
    return { name, type: 'double', isNullable: false };
  }
}
