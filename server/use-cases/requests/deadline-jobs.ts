/**
 * The request timers (request function, every 5 minutes), each under its own lock (jobs/run-job.ts):
 *
 * - Deadlines. A request whose current deadline (response, or resolution once accepted) is less than
 *   the street's `deadlineWarningMinutes` of working time away warns whoever must act: the grid's workers
 *   before acceptance, the handler after (the community's staff for a request dispatched to the community
 *   or a department). Once overdue, the community's staff are told (and the handler again); once it has
 *   been overdue for the street's `streetEscalationMinutes` of working time, the street's staff too.
 *   Working time skips holidays, so nothing escalates while the offices are closed for one.
 * - Verification. A resolved request the resident has not confirmed within the street's confirmation
 *   window goes to community verification: it is in the community's 待核查 list from then on, and the
 *   community's staff and the resident are told, once.
 * - Archive: verified requests past the rating window (archive-rated.ts).
 *
 * No repeated side effects: every message goes through `outbox.enqueue` with an outbox id made of the
 * stage, the request and the deadline it is about, so a second run — or a run resumed after one that died
 * midway — writes nothing twice; a renewed deadline (reassignment, reopening) is a new one to remind of.
 * Checkpoints: the deadline job keeps, per street, how far it has escalated (a deadline instant: every
 * request due before it has been handled), saved after each page; verification keeps its place in the list.
 */
import { addWorkingMinutes } from '@core/calendar/working-days';
import { outboxId, type InboxMessage, type MessageTemplate, type OutboxRecord } from '@core/messages/message';
import { wechatTime } from '@core/messages/subscribe-message';
import { currentDue, type ServiceRequest } from '@core/requests/request';
import type { SystemContext } from '../context';
import type { Deps } from '../context';
import type { RequestQuery } from '../../ports/request.port';
import { runJob, type JobOutcome } from '../jobs/run-job';
import { archiveRated } from './archive-rated';
import { streetRules, type StreetRules } from './street-rules';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A job's lock outlives the function's 60 s timeout, so a run that was killed leaves it to expire soon after. */
export const REQUEST_JOB_TTL_MS = 2 * 60_000;
/** The first run looks back this far: older overdue requests are in the worklists already, not news. */
export const FIRST_RUN_LOOKBACK_MS = 7 * DAY_MS;
const PAGE = 100;

export const DEADLINE_JOB = 'request.deadlines';
export const VERIFICATION_JOB = 'request.verification';
export const ARCHIVE_JOB = 'request.archive';

type Stage = 'warn' | 'community' | 'street' | 'verify';

interface Notice {
  userId: string;
  title: string;
  body: string;
  template: MessageTemplate;
  /** The `status` keyword (a phrase of up to 5 characters). */
  status: string;
}

/** Staff of a community or street, read once per run. */
class StaffBook {
  private readonly cache = new Map<string, Promise<string[]>>();
  constructor(private readonly deps: Deps) {}

  community(communityId: string): Promise<string[]> {
    return this.get(`c:${communityId}`, () => this.deps.store.users.listStaff({ role: 'community_staff', communityId }));
  }

  street(streetId: string): Promise<string[]> {
    return this.get(`s:${streetId}`, () => this.deps.store.users.listStaff({ role: 'street_staff', streetId }));
  }

  private get(key: string, load: () => Promise<{ id: string }[]>): Promise<string[]> {
    let hit = this.cache.get(key);
    if (!hit) {
      hit = load().then((users) => users.map((u) => u.id));
      this.cache.set(key, hit);
    }
    return hit;
  }
}

/** Who must act on a request now: the grid's workers before acceptance, then its handler. */
async function actors(deps: Deps, staff: StaffBook, r: ServiceRequest): Promise<string[]> {
  if (r.status === 'submitted') {
    const grid = await deps.store.places.getGrid(r.gridId);
    return [grid?.primaryWorkerId, grid?.backupWorkerId].filter((x): x is string => Boolean(x));
  }
  if (!r.handler) return [];
  return r.handler.kind === 'worker' ? [r.handler.id] : staff.community(r.communityId);
}

/**
 * Queues each notice once: the outbox id names the stage, the request and the deadline (or resolution)
 * instant, so the same reminder is never written twice; returns how many were new.
 */
async function notify(deps: Deps, r: ServiceRequest, stage: Stage, instant: string, notices: Notice[]): Promise<number> {
  const eventId = `${stage}-${r.id}-${Date.parse(instant)}`;
  const at = deps.clock.now().toISOString();
  let added = 0;
  const seen = new Set<string>();
  for (const n of notices) {
    if (seen.has(n.userId)) continue;
    seen.add(n.userId);
    const id = outboxId(eventId, n.userId, 'subscribe');
    // A read first: on a repeated run almost every reminder exists already, and a read is cheaper than a write.
    if (await deps.store.outbox.get(id)) continue;
    const message: InboxMessage = { id: deps.newId(), userId: n.userId, title: n.title, body: n.body, link: { kind: 'request', id: r.id }, at, readAt: null };
    const record: OutboxRecord = {
      id,
      eventId,
      recipientId: n.userId,
      channel: 'subscribe',
      template: n.template,
      payload: { title: n.title, category: r.categoryName, status: n.status, time: wechatTime(new Date(instant)), requestId: r.id },
      status: 'pending',
      attempts: 0,
      nextTryAt: at,
      lastError: null,
      createdAt: at,
    };
    if (await deps.store.outbox.enqueue({ message, record })) added += 1;
  }
  return added;
}

const KIND_WORDS = { response: { deadline: '受理期限', act: '受理' }, resolution: { deadline: '办结期限', act: '办结' } } as const;

/** Reads a query page by page, handing each page to `each`; stops early when `each` answers false. */
async function eachPage(deps: Deps, query: RequestQuery, each: (items: ServiceRequest[]) => Promise<boolean>): Promise<void> {
  let cursor: string | null = null;
  do {
    const page: { items: ServiceRequest[]; next: string | null } = await deps.store.requests.list(query, { limit: PAGE, cursor });
    if (!(await each(page.items))) return;
    cursor = page.next;
  } while (cursor);
}

interface StreetMarks {
  /** Every request overdue before this instant has been reported to its community. */
  community: string;
  /** Every request due before this instant has been reported to the street (or is not yet late enough: see scan). */
  street: string;
}

interface DeadlineState {
  streets: Record<string, StreetMarks>;
}

export interface DeadlineReport {
  warned: number;
  toCommunity: number;
  toStreet: number;
}

export async function remindDeadlines(ctx: SystemContext): Promise<JobOutcome<DeadlineReport>> {
  const { deps } = ctx;
  return runJob(deps, DEADLINE_JOB, REQUEST_JOB_TTL_MS, async (job) => {
    const state: DeadlineState = job.checkpoint ? (JSON.parse(job.checkpoint) as DeadlineState) : { streets: {} };
    const report: DeadlineReport = { warned: 0, toCommunity: 0, toStreet: 0 };
    const staff = new StaffBook(deps);
    const now = deps.clock.now();
    const nowIso = now.toISOString();
    const firstLook = new Date(now.getTime() - FIRST_RUN_LOOKBACK_MS).toISOString();
    const save = () => job.save(JSON.stringify(state));

    for (const street of await deps.store.places.listStreets()) {
      const rules: StreetRules = await streetRules(deps, street.id);
      const marks: StreetMarks = state.streets[street.id] ?? { community: firstLook, street: firstLook };
      state.streets[street.id] = marks;

      // Newly overdue → the community's staff, and the handler.
      await eachPage(deps, { streetId: street.id, overdueAt: nowIso, dueFrom: marks.community, sort: 'deadline' }, async (items) => {
        for (const r of items) {
          const due = currentDue(r);
          if (!due) continue;
          const words = KIND_WORDS[due.kind];
          const body = `「${r.categoryName}」已超过${words.deadline}（${wechatTime(new Date(due.at))}），请尽快${words.act}。`;
          const to = [...(await staff.community(r.communityId)), ...(await actors(deps, staff, r))];
          report.toCommunity += await notify(deps, r, 'community', due.at, to.map((userId) => ({ userId, title: '诉求已超期', body, template: 'request_overdue', status: '已超期' })));
          marks.community = due.at;
        }
        await save();
        return true;
      });
      marks.community = nowIso;
      await save();

      // Overdue for longer than the street allows → the street's staff. The list is in deadline order, so
      // the first one not yet late enough ends the scan (every later one is due later) and the mark stays
      // at its deadline; a scan that reaches the end leaves nothing overdue behind the mark.
      let stopped = false;
      await eachPage(deps, { streetId: street.id, overdueAt: nowIso, dueFrom: marks.street, sort: 'deadline' }, async (items) => {
        for (const r of items) {
          const due = currentDue(r);
          if (!due) continue;
          if (addWorkingMinutes(rules.calendar, new Date(due.at), rules.settings.streetEscalationMinutes) > now) {
            stopped = true;
            break;
          }
          const words = KIND_WORDS[due.kind];
          const body = `「${r.categoryName}」超过${words.deadline}（${wechatTime(new Date(due.at))}）仍未${words.act}，已逾期较久，请督办。`;
          const to = (await staff.street(r.streetId)).map((userId) => ({ userId, title: '诉求超期未办', body, template: 'request_overdue' as const, status: '超期未办' }));
          report.toStreet += await notify(deps, r, 'street', due.at, to);
          marks.street = due.at;
        }
        await save();
        return !stopped;
      });
      if (!stopped) marks.street = nowIso;
      await save();

      // Nearing the deadline (due within the warning window, not yet overdue) → whoever must act.
      const warnUntil = addWorkingMinutes(rules.calendar, now, rules.settings.deadlineWarningMinutes).toISOString();
      await eachPage(deps, { streetId: street.id, overdueAt: warnUntil, dueFrom: nowIso, sort: 'deadline' }, async (items) => {
        for (const r of items) {
          const due = currentDue(r);
          if (!due) continue;
          const words = KIND_WORDS[due.kind];
          const body = `「${r.categoryName}」${words.deadline}为${wechatTime(new Date(due.at))}，请抓紧${words.act}。`;
          const to = (await actors(deps, staff, r)).map((userId) => ({ userId, title: '诉求即将超期', body, template: 'request_overdue' as const, status: '即将超期' }));
          report.warned += await notify(deps, r, 'warn', due.at, to);
        }
        return true;
      });
    }
    return report;
  });
}

interface VerificationState {
  /** The street being worked on and the list's cursor within it; null between runs. */
  streetId: string;
  cursor: string | null;
}

export async function routeUnconfirmed(ctx: SystemContext): Promise<JobOutcome<{ routed: number }>> {
  const { deps } = ctx;
  return runJob(deps, VERIFICATION_JOB, REQUEST_JOB_TTL_MS, async (job) => {
    const resume: VerificationState | null = job.checkpoint ? (JSON.parse(job.checkpoint) as VerificationState) : null;
    const staff = new StaffBook(deps);
    const now = deps.clock.now();
    let routed = 0;
    const streets = await deps.store.places.listStreets();
    const from = resume ? Math.max(0, streets.findIndex((s) => s.id === resume.streetId)) : 0;
    for (const street of streets.slice(from)) {
      const rules = await streetRules(deps, street.id);
      const before = new Date(now.getTime() - rules.settings.confirmWindowDays * DAY_MS).toISOString();
      let cursor = resume && resume.streetId === street.id ? resume.cursor : null;
      do {
        const page: { items: ServiceRequest[]; next: string | null } = await deps.store.requests.list(
          { streetId: street.id, statuses: ['resolved'], resolvedBefore: before, sort: 'deadline' },
          { limit: PAGE, cursor },
        );
        for (const r of page.items) {
          if (!r.resolvedAt) continue;
          const days = rules.settings.confirmWindowDays;
          const notices: Notice[] = (await staff.community(r.communityId)).map((userId) => ({
            userId,
            title: '诉求待核查',
            body: `「${r.categoryName}」办结已超过${days}天，居民未确认，请社区核查办理结果。`,
            template: 'request_confirm',
            status: '待核查',
          }));
          if (r.residentId) {
            notices.push({
              userId: r.residentId,
              title: '已转社区核查',
              body: `您反映的「${r.categoryName}」办结后${days}天内未确认，已转社区核查；核查后您仍可评价。`,
              template: 'request_status',
              status: '待核查',
            });
          }
          routed += (await notify(deps, r, 'verify', r.resolvedAt, notices)) > 0 ? 1 : 0;
        }
        cursor = page.next;
        await job.save(cursor ? JSON.stringify({ streetId: street.id, cursor } satisfies VerificationState) : null);
      } while (cursor);
    }
    await job.save(null);
    return { routed };
  });
}

/** The request function's timer: archive, deadlines, verification — each safe to run twice or at once. */
export async function requestJobs(ctx: SystemContext) {
  const archive = await runJob(ctx.deps, ARCHIVE_JOB, REQUEST_JOB_TTL_MS, () => archiveRated(ctx));
  const deadlines = await remindDeadlines(ctx);
  const verification = await routeUnconfirmed(ctx);
  const result = <T>(o: JobOutcome<T>) => (o.ran ? o.result : o.reason);
  return { archive: result(archive), deadlines: result(deadlines), verification: result(verification) };
}
