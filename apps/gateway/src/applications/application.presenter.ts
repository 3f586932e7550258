import type {
  Pause,
  Procedure as CatalogueProcedure,
  ProcedureCatalogue,
  WorkingCalendar,
} from '@oncegate/applications';
import type {
  StoredApplication,
  StoredApplicationEvent,
  StoredDelivery,
  StoredProcedure,
} from '@oncegate/registry';
import { toSystem } from '../applicants/applicant.mapper';
import {
  DeliveryState,
  ItemOrigin,
  ProcedureStatus,
  TimeLimitUnit,
  type Application,
  type ApplicationProcedure,
  type ApplicationReuse,
  type Procedure,
  type ProcedureTimeline,
} from './models/application.model';

/** Events that start a procedure's clock: the department has the application. */
const STARTS = new Set(['DELIVERED', 'RECEIVED', 'ACCEPTED']);
/** Events that end a return for correction. */
const RESUMES = new Set(['RECEIVED', 'ACCEPTED', 'APPROVED', 'REJECTED']);
const DECIDES = new Set(['APPROVED', 'REJECTED']);

export function toProcedureModel(p: CatalogueProcedure, catalogue: ProcedureCatalogue): Procedure {
  return {
    code: p.code,
    name: p.name,
    stage: p.stage ?? '',
    department: toSystem(p.department),
    timeLimit: {
      days: p.timeLimit.days,
      unit: p.timeLimit.unit as TimeLimitUnit,
      basis: p.timeLimit.basis,
    },
    items: p.items.map((i) => ({
      id: i.id,
      label: catalogue.item(i.id).label,
      required: i.required,
    })),
  };
}

/**
 * A procedure's clock: it starts when the department has the application
 * (the delivery's receipt, or the first receipt a department reports), stops
 * while the application is returned for correction (补正期间不计入), and
 * ends at the decision.
 */
export function timelineOf(
  procedure: CatalogueProcedure,
  events: readonly StoredApplicationEvent[],
  calendar: WorkingCalendar,
  now: Date,
): ProcedureTimeline {
  const limit = {
    days: procedure.timeLimit.days,
    unit: procedure.timeLimit.unit as TimeLimitUnit,
    basis: procedure.timeLimit.basis,
  };
  const own = events.filter((e) => e.procedure === procedure.code);
  const started = own.find((e) => STARTS.has(e.type))?.occurredAt ?? null;
  const decided = own.find((e) => DECIDES.has(e.type))?.occurredAt ?? null;
  const pauses: Pause[] = [];
  let returnedAt: Date | null = null;
  for (const e of own) {
    if (e.type === 'RETURNED' && returnedAt === null) returnedAt = e.occurredAt;
    else if (returnedAt !== null && RESUMES.has(e.type)) {
      pauses.push({ start: returnedAt, end: e.occurredAt });
      returnedAt = null;
    }
  }
  const paused = returnedAt !== null && decided === null;
  if (returnedAt !== null) pauses.push({ start: returnedAt, end: decided ?? now });
  if (!started)
    return {
      limit,
      startedAt: null,
      dueAt: null,
      elapsedDays: 0,
      remainingDays: null,
      overdue: false,
      paused: false,
      finished: decided !== null,
      calendarCovered: true,
    };
  const end = decided ?? now;
  const due = calendar.dueDate(started, procedure.timeLimit, pauses);
  const elapsedDays = calendar.elapsedDays(started, end, procedure.timeLimit.unit, pauses);
  return {
    limit,
    startedAt: started,
    dueAt: due.deadline,
    elapsedDays,
    remainingDays: decided ? null : procedure.timeLimit.days - elapsedDays,
    overdue: end.getTime() > due.deadline.getTime(),
    paused,
    finished: decided !== null,
    calendarCovered: due.covered,
  };
}

/** The once-only measure of an application. */
export function reuseOf(
  application: StoredApplication,
  catalogue: ProcedureCatalogue,
): ApplicationReuse {
  const items = Object.entries(application.items);
  const typed = items.filter(([, i]) => i.origin === 'TYPED').length;
  const perDepartment = application.procedures.map((code) => {
    const procedure = catalogue.procedure(code);
    const received = catalogue
      .itemsFor(code)
      .map((f) => application.items[f.item.id])
      .filter((i) => i !== undefined);
    const prefilled = received.filter((i) => i.origin === 'PREFILLED').length;
    return {
      department: toSystem(procedure.department),
      procedure: code,
      items: received.length,
      prefilled,
      typed: received.length - prefilled,
    };
  });
  const delivered = perDepartment.reduce((n, d) => n + d.items, 0);
  return {
    typed,
    prefilled: items.length - typed,
    delivered,
    entriesSaved: delivered - typed,
    perDepartment,
  };
}

/** The GraphQL view of a stored application. */
export function toApplicationModel(
  application: StoredApplication,
  procedures: readonly StoredProcedure[],
  deliveries: readonly StoredDelivery[],
  events: readonly StoredApplicationEvent[],
  catalogue: ProcedureCatalogue,
  calendar: WorkingCalendar,
  now = new Date(),
): Application {
  const reuse = reuseOf(application, catalogue);
  return {
    id: application.id,
    applicationNo: application.applicationNo,
    applicantId: application.applicantId,
    status: application.status as Application['status'],
    submittedAt: application.submittedAt,
    submittedBy: application.submittedBy,
    items: Object.entries(application.items).map(([id, item]) => ({
      id,
      label: catalogue.item(id).label,
      value: item.value,
      origin: item.origin as ItemOrigin,
      source: item.source
        ? { system: toSystem(item.source.system), observedAt: new Date(item.source.observedAt) }
        : item.origin === 'PREFILLED'
          ? { system: null, observedAt: null }
          : null,
    })),
    procedures: application.procedures.map((code): ApplicationProcedure => {
      const spec = catalogue.procedure(code);
      const row = procedures.find((p) => p.procedure === code);
      const delivery = deliveries.find((d) => d.procedure === code && d.kind === 'SUBMISSION');
      return {
        procedure: toProcedureModel(spec, catalogue),
        department: toSystem(spec.department),
        status: (row?.status ?? 'SUBMITTED') as ProcedureStatus,
        statusAt: row?.statusAt ?? application.submittedAt,
        receiptNo: row?.receiptNo ?? null,
        delivery: delivery
          ? {
              state: delivery.state as DeliveryState,
              attempts: delivery.attempts,
              nextAttemptAt: delivery.state === 'PENDING' ? delivery.nextAttemptAt : null,
              lastError: delivery.lastError,
              deliveredAt: delivery.deliveredAt,
              receiptNo: delivery.receiptNo,
            }
          : null,
        timeline: timelineOf(spec, events, calendar, now),
        itemsReceived: reuse.perDepartment.find((d) => d.procedure === code)?.items ?? 0,
      };
    }),
    events: events.map((e) => ({
      seq: e.seq,
      type: e.type,
      procedure: e.procedure,
      department: e.department ? toSystem(e.department) : null,
      actor: e.actor,
      note: e.note,
      details: JSON.stringify(e.payload),
      occurredAt: e.occurredAt,
    })),
    reuse,
  };
}
