import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { ApplicantRepository } from './applicant.repository';
import { registryMigrations } from './migrations/registry-migrations';
import { RegistryMigrator } from './registry.migrator';
import { RegistryModule } from './registry.module';
import { personRegistration } from './testing/registration.fixtures';
import { describeEachDatabase } from './testing/test-database';

describeEachDatabase(
  'RegistryModule',
  (db) => {
    let moduleRef: TestingModule | undefined;
    afterEach(async () => {
      await moduleRef?.close();
      moduleRef = undefined;
    });

    const boot = async (migrationsRun?: boolean): Promise<TestingModule> => {
      moduleRef = await Test.createTestingModule({
        imports: [RegistryModule.forRoot({ url: db.url, migrationsRun })],
      }).compile();
      await moduleRef.init();
      return moduleRef;
    };

    it('migrates at boot with migrationsRun', async () => {
      const app = await boot(true);
      expect(await app.get(DataSource).showMigrations()).toBe(false);
      expect(await app.get(RegistryMigrator).migrate()).toEqual([]);
      const repository = app.get(ApplicantRepository);
      const registered = await repository.register(personRegistration({ name: '赵六' }));
      expect(await repository.findById(registered.id)).toEqual(registered);
    });

    it('leaves migrating to RegistryMigrator otherwise', async () => {
      const app = await boot();
      const dataSource = app.get(DataSource);
      for (let i = 0; i < registryMigrations.length; i += 1) {
        await dataSource.undoLastMigration();
      }
      expect(await dataSource.showMigrations()).toBe(true);
      expect(await app.get(RegistryMigrator).migrate()).toEqual(
        registryMigrations.map((migration) => new migration().name),
      );
      expect(await app.get(ApplicantRepository).count()).toBe(0);
    });
  },
  { migrate: false },
);
