/**
 * Generated request history for benchmarks and load tests — never part of the demo seed. Each request
 * lives through the six-step loop as the lead's use cases would write it (submit → accept → dispatch? →
 * progress? → resolve → confirm or verify → rate or archive, with rejections, withdrawals, reviews and
 * reopenings), with random but plausible durations on the street's working-day calendar; whatever has
 * not happened by `until` has not happened yet. So old requests are almost all archived, recent ones are
 * spread over every open status, and a few stuck ones are long overdue.
 *
 * Deterministic: the same (data, count, seed, options) always gives the same rows. Ids are
 * `<prefix><n>`, n in creation order, events `<request id>-e<seq>`.
 */
import { calibrated } from '@core/calendar/calendar-status';
import { addWorkingDays, addWorkingMinutes, createCalendar, workingMinutesBetween, type WorkingCalendar } from '@core/calendar/working-days';
import { nextDueHolderId } from '@core/assessment/counters';
import type { Category, Handler, RequestEvent, ServiceRequest } from '@core/requests/request';
import type { CategoryKind, Rating, RequestStatus } from '@core/requests/request.status';
import type { Role } from '@core/people/role';
import type { DemoStreetData } from './demo-street';
import { prng } from './prng';

export interface GeneratedBatch {
  requests: ServiceRequest[];
  events: RequestEvent[];
}

export interface GenerateOptions {
  /** The moment the history is generated up to (default GENERATED_UNTIL). */
  until?: string;
  /** How far back it starts (default 10). */
  years?: number;
  /** Requests per yielded batch (default 10,000). */
  batchSize?: number;
  /** Request id prefix (default 'gen-'). */
  idPrefix?: string;
}

export const GENERATED_UNTIL = '2026-11-20T02:00:00.000Z';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const DESCRIPTIONS: Record<CategoryKind, string[]> = {
  dispute: [
    '楼上住户装修占用公共楼道，邻居之间发生争执，希望社区出面协调。',
    '邻居在楼道堆放杂物，多次沟通无果，请网格员帮忙调解。',
    '两户因漏水赔偿问题产生纠纷，希望尽快协调处理。',
    '停车位被长期占用，与车主沟通后发生口角。',
  ],
  hazard: [
    '单元门口的消防通道被电动车堵住，存在安全隐患。',
    '楼道里有人给电动车飞线充电，担心起火。',
    '小区围墙有裂缝并向外倾斜，下雨天很危险。',
    '路边井盖松动，晚上行人容易踩空。',
    '楼顶广告牌固定螺丝锈蚀，大风天可能掉落。',
  ],
  help: [
    '独居老人家中水管爆裂，无法自行处理，请求帮助。',
    '楼道灯坏了很久，晚上上下楼看不清，请尽快维修。',
    '单元门禁损坏，外来人员随意进出，请联系维修。',
    '家中老人行动不便，想咨询居家养老服务如何申请。',
    '低保续办需要哪些材料，请网格员帮忙说明。',
  ],
  complaint: [
    '垃圾分类点的垃圾几天没清运，气味很大。',
    '楼下烧烤店油烟直排，影响住户开窗通风。',
    '晚上十点以后广场舞音响声音太大，影响休息。',
    '小区绿化带被人私自开垦种菜，还浇粪水。',
    '工地夜间施工噪音扰民，已经持续一周。',
  ],
  suggestion: [
    '建议在小区门口增设非机动车停放区。',
    '希望在健身广场增加几张休息座椅，方便老人。',
    '建议社区定期组织防诈骗宣传活动。',
    '建议在快递柜旁增加照明。',
  ],
};
const RESIDENT_NAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'].flatMap((s) => ['先生', '女士', '阿姨', '大爷'].map((t) => `${s}${t}`));
const NOTES = ['已到现场查看，正在联系相关人员处理。', '已协调物业安排维修。', '已与当事人沟通，双方达成一致。', '问题已处理完毕，请查看。'];
const REJECT_REASONS = ['不属于本网格受理范围，已告知居民向相关部门反映。', '诉求内容不清楚，请补充后重新提交。'];
const DEPARTMENT_NOTES = ['需要执法部门处理，已派遣。', '涉及市政设施，已派遣维护所。'];

interface GridInfo {
  gridId: string;
  communityId: string;
  streetId: string;
  worker: { id: string; name: string };
  residents: { id: string; name: string }[];
  staff: { id: string; name: string };
  communityName: string;
}

interface Street {
  calendar: WorkingCalendar;
  grids: GridInfo[];
  categories: Category[];
  /** Cumulative weights over `categories`. */
  weights: number[];
  departments: { id: string; name: string }[];
}

function streetOf(data: DemoStreetData): Street {
  if (!data.grids.length || !data.categories.length) throw new Error('generateRequests needs grids and categories');
  const users = new Map(data.users.map((u) => [u.id, u]));
  const communities = new Map(data.communities.map((c) => [c.id, c]));
  const grids = data.grids.map((g): GridInfo => {
    const worker = users.get(g.primaryWorkerId ?? '') ?? { id: g.primaryWorkerId ?? 'unknown-worker', name: '网格员' };
    const staff = data.users.find((u) => u.posts.some((p) => p.role === 'community_staff' && p.communityId === g.communityId)) ?? { id: `staff-${g.communityId}`, name: '社区工作人员' };
    return {
      gridId: g.id,
      communityId: g.communityId,
      streetId: g.streetId,
      worker: { id: worker.id, name: worker.name },
      residents: data.users.filter((u) => u.residence?.gridId === g.id).map((u) => ({ id: u.id, name: u.name })),
      staff: { id: staff.id, name: staff.name },
      communityName: communities.get(g.communityId)?.name ?? '社区',
    };
  });
  // Everyday complaints and repairs are the bulk; hazards and disputes fewer; suggestions rare.
  const weightOf: Record<CategoryKind, number> = { complaint: 5, help: 4, dispute: 2, hazard: 2, suggestion: 1 };
  const categories = data.categories.filter((c) => c.active);
  let sum = 0;
  const weights = categories.map((c) => (sum += weightOf[c.kind]));
  // Memoized per date: the generator asks about the same few thousand dates millions of times.
  const plain = createCalendar(data.calendars);
  const known = new Map<string, boolean>();
  const calendar: WorkingCalendar = {
    years: plain.years,
    isWorkingDay(date) {
      let working = known.get(date);
      if (working === undefined) known.set(date, (working = plain.isWorkingDay(date)));
      return working;
    },
  };
  return {
    calendar,
    grids,
    categories,
    weights,
    departments: data.departments.map((d) => ({ id: d.id, name: d.name })),
  };
}

const iso = (t: number) => new Date(t).toISOString();

/** One request's life up to `until`: its final state and every event on the way. */
function simulate(street: Street, rnd: ReturnType<typeof prng>, id: string, created: number, until: number): GeneratedBatch {
  const grid = rnd.pick(street.grids);
  const roll = rnd.next() * street.weights[street.weights.length - 1];
  const category = street.categories[street.weights.findIndex((w) => roll < w)];
  const sourceRoll = rnd.next();
  const source = sourceRoll < 0.7 ? 'resident' : sourceRoll < 0.95 ? 'patrol' : 'proxy';
  const resident =
    source === 'patrol'
      ? null
      : grid.residents.length && rnd.next() < 0.3
        ? rnd.pick(grid.residents)
        : { id: `${grid.gridId}-resident-${Math.floor(rnd.next() * 300) + 1}`, name: rnd.pick(RESIDENT_NAMES) };
  const submitter = source === 'resident' && resident ? resident : grid.worker;
  const cal = street.calendar;
  const due = (from: number, minutes: number) => addWorkingMinutes(cal, new Date(from), minutes).getTime();
  const dueDays = (from: number, days: number) => addWorkingDays(cal, new Date(from), days).getTime();

  const r: ServiceRequest = {
    id,
    streetId: grid.streetId,
    communityId: grid.communityId,
    gridId: grid.gridId,
    categoryId: category.id,
    categoryName: category.name,
    description: rnd.pick(DESCRIPTIONS[category.kind]),
    photoFileIds: rnd.next() < 0.4 ? [`cloud://demo.bucket/uploads/${submitter.id}/${id}.jpg`] : [],
    location: null,
    address: `${grid.communityName}${Math.floor(rnd.next() * 14) + 1}号楼`,
    callbackPhone: rnd.next() < 0.5 ? `139${String(Math.floor(rnd.next() * 1e8)).padStart(8, '0')}` : null,
    hideName: rnd.next() < 0.1,
    source,
    consentNote: source === 'proxy' ? '居民电话同意代为上报' : null,
    submitterId: submitter.id,
    submitterName: submitter.name,
    residentId: resident?.id ?? null,
    residentName: resident?.name ?? null,
    status: 'submitted',
    handler: null,
    responseDueAt: iso(due(created, category.responseMinutes)),
    resolutionDueAt: null,
    dueUncalibrated: !calibrated(cal, new Date(created), new Date(due(created, category.responseMinutes))),
    reopenCount: 0,
    rating: null,
    flagged: false,
    rejectReason: null,
    idempotencyKey: `${id}-key`,
    version: 1,
    createdAt: iso(created),
    updatedAt: iso(created),
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
    resolvedLate: null,
  };
  const events: RequestEvent[] = [];
  const actors = {
    resident: { role: 'resident' as Role, id: resident?.id ?? submitter.id, name: resident?.name ?? submitter.name },
    worker: { role: 'grid_worker' as Role, ...grid.worker },
    staff: { role: 'community_staff' as Role, ...grid.staff },
    system: { role: 'system' as const, id: 'system', name: '系统' },
  };
  let now = created;
  /** Applies a step at time `t` unless `t` is after `until`; false when the history stops here. */
  const step = (t: number, action: string, to: RequestStatus, actor: RequestEvent['actor'], note: string, patch: Partial<ServiceRequest> = {}): boolean => {
    if (t > until) return false;
    const from = events.length ? r.status : null;
    Object.assign(r, patch, { status: to, updatedAt: iso(t), version: events.length + 1 });
    // As the use cases do: a step that counts a deadline says whether that count had holiday data throughout.
    const counted = patch.resolutionDueAt ?? patch.responseDueAt;
    if (counted) r.dueUncalibrated = !calibrated(cal, new Date(t), new Date(counted));
    events.push({ id: `${id}-e${events.length + 1}`, requestId: id, seq: events.length + 1, action, from, to, actor, note, photoFileIds: [], at: iso(t) });
    now = t;
    return true;
  };

  const held = rnd.next() < 0.01;
  // One in a hundred is held by the content check for the community to review (flagged).
  if (held) r.flagged = true;
  step(created, held ? 'hold' : 'submit', held ? 'held' : 'submitted', source === 'resident' ? actors.resident : actors.worker, '');
  if (held) {
    const t = now + rnd.between(2 * HOUR, 30 * HOUR);
    if (rnd.next() < 0.3) {
      step(t, 'refuse', 'rejected', actors.staff, '内容不符合要求', { rejectReason: '内容不符合要求', closedAt: iso(t) });
      return { requests: [r], events };
    }
    if (!step(t, 'release', 'submitted', actors.staff, '', { responseDueAt: iso(due(t, category.responseMinutes)) })) return { requests: [r], events };
  }
  const exit = rnd.next();
  if (exit < 0.03 && source === 'resident') {
    const t = now + rnd.between(10 * MINUTE, DAY);
    step(t, 'withdraw', 'withdrawn', actors.resident, '', { closedAt: iso(t) });
    return { requests: [r], events };
  }
  if (exit < 0.08) {
    const t = now + rnd.between(30 * MINUTE, DAY);
    const reason = rnd.pick(REJECT_REASONS);
    step(t, 'reject', 'rejected', actors.worker, reason, { rejectReason: reason, closedAt: iso(t) });
    return { requests: [r], events };
  }
  // Accepted mostly within the response deadline; one in ten late.
  const responseWindow = Date.parse(r.responseDueAt) - now;
  const acceptAt = now + (rnd.next() < 0.9 ? rnd.between(0.02, 0.9) : rnd.between(1, 2.5)) * responseWindow;
  const worker: Handler = { kind: 'worker', ...grid.worker };
  if (!step(acceptAt, 'accept', 'accepted', actors.worker, '', { handler: worker, acceptedAt: iso(acceptAt), resolutionDueAt: iso(dueDays(acceptAt, category.resolutionDays)) })) {
    return { requests: [r], events };
  }
  if (rnd.next() < 0.15) {
    const t = now + rnd.between(HOUR, DAY);
    const department = street.departments.length && rnd.next() < 0.7 ? rnd.pick(street.departments) : null;
    const handler: Handler = department ? { kind: 'department', ...department } : { kind: 'community', id: grid.communityId, name: grid.communityName };
    // As the use cases do (考核): a worker who let the deadline pass before dispatching stays accountable.
    const holder = nextDueHolderId(r, iso(t));
    const assessed = holder ? { dueHolderId: holder } : {};
    if (!step(t, 'dispatch', 'dispatched', actors.worker, department ? rnd.pick(DEPARTMENT_NOTES) : '需要社区协调处理。', { handler, resolutionDueAt: iso(dueDays(t, category.resolutionDays)), ...assessed })) {
      return { requests: [r], events };
    }
  }
  const handlerActor = r.handler?.kind === 'worker' ? actors.worker : actors.staff;
  for (let round = 0; round < 2; round++) {
    const window = Date.parse(r.resolutionDueAt!) - now;
    // A few are stuck for good (long overdue); one in five resolves late.
    const stuck = rnd.next() < 0.003;
    const resolveAt = stuck ? until + 1000 * DAY : now + (rnd.next() < 0.8 ? rnd.between(0.1, 0.95) : rnd.between(1, 3)) * window;
    if (rnd.next() < 0.6 && !step(now + (resolveAt - now) * rnd.between(0.2, 0.8), 'progress', 'in_progress', handlerActor, rnd.pick(NOTES))) {
      return { requests: [r], events };
    }
    // As the use cases do (考核): the working minutes from acceptance to resolution.
    const resolveWorkingMinutes = resolveAt > until ? null : workingMinutesBetween(cal, new Date(r.acceptedAt!), new Date(resolveAt));
    if (!step(resolveAt, 'resolve', 'resolved', handlerActor, rnd.pick(NOTES), { resolvedAt: iso(resolveAt), resolvedLate: resolveAt > Date.parse(r.resolutionDueAt!), resolveWorkingMinutes })) {
      return { requests: [r], events };
    }
    // Not satisfied (重办) once in twenty, at most once.
    if (round === 0 && r.residentId && rnd.next() < 0.05) {
      const t = now + rnd.between(HOUR, 2 * DAY);
      const comment = '问题没有解决，请重新处理。';
      const reopened = step(t, 'reopen', 'in_progress', actors.resident, comment, {
        rating: { value: 'unsatisfied', comment, at: iso(t) }, reopenCount: 1, resolutionDueAt: iso(dueDays(t, category.resolutionDays)),
        resolvedAt: null, resolvedLate: null, closedAt: null, resolveWorkingMinutes: null, ...(r.dueHolderId ? { dueHolderId: null } : {}),
      });
      if (!reopened) return { requests: [r], events };
      continue;
    }
    break;
  }
  const resolvedAt = now;
  if (r.residentId && rnd.next() < 0.6) {
    // The resident confirms within the window: verified and, with the rating, archived in one write.
    const t = resolvedAt + rnd.between(HOUR, 3 * DAY);
    const value: Rating = rnd.next() < 0.85 ? 'satisfied' : 'basically_satisfied';
    if (!step(t, 'confirm', 'verified', actors.resident, '', { rating: { value, comment: '', at: iso(t) }, closedAt: iso(t) })) return { requests: [r], events };
    step(t, 'archive', 'archived', actors.resident, '');
    return { requests: [r], events };
  }
  const verifyAt = resolvedAt + 3 * DAY + rnd.between(HOUR, 2 * DAY);
  if (!step(verifyAt, 'verify', 'verified', actors.staff, '已电话回访，问题已解决。', { closedAt: iso(verifyAt) })) return { requests: [r], events };
  if (r.residentId && rnd.next() < 0.5) {
    const t = verifyAt + rnd.between(HOUR, 5 * DAY);
    step(t, 'rate', 'archived', actors.resident, '', { rating: { value: rnd.next() < 0.8 ? 'satisfied' : 'basically_satisfied', comment: '', at: iso(t) } });
  } else {
    step(verifyAt + 7 * DAY + rnd.between(0, 6 * HOUR), 'archive', 'archived', actors.system, '');
  }
  return { requests: [r], events };
}

/**
 * Yields the history in batches (memory stays flat for a million requests). Creation times are spread
 * evenly over the years, in id order, each moved into waking hours (Beijing) most of the time.
 */
export function* generateRequestBatches(data: DemoStreetData, count: number, seed: number, options: GenerateOptions = {}): Generator<GeneratedBatch> {
  const street = streetOf(data);
  const rnd = prng(seed);
  const until = Date.parse(options.until ?? GENERATED_UNTIL);
  const start = until - (options.years ?? 10) * 365 * DAY;
  const span = until - start;
  const batchSize = options.batchSize ?? 10_000;
  const prefix = options.idPrefix ?? 'gen-';
  const width = Math.max(7, String(count).length);
  let batch: GeneratedBatch = { requests: [], events: [] };
  for (let i = 0; i < count; i++) {
    let created = start + ((i + rnd.next()) * span) / count;
    const beijingHour = new Date(created + 8 * HOUR).getUTCHours();
    if (beijingHour < 7 && rnd.next() < 0.85) created += 8 * HOUR;
    created = Math.min(Math.floor(created / 1000) * 1000, until);
    const one = simulate(street, rnd, `${prefix}${String(i + 1).padStart(width, '0')}`, created, until);
    batch.requests.push(...one.requests);
    batch.events.push(...one.events);
    if (batch.requests.length >= batchSize) {
      yield batch;
      batch = { requests: [], events: [] };
    }
  }
  if (batch.requests.length) yield batch;
}

/** The whole history at once (for up to some hundred thousand requests; use the batches beyond). */
export function generateRequests(data: DemoStreetData, count: number, seed: number, options: GenerateOptions = {}): GeneratedBatch {
  const out: GeneratedBatch = { requests: [], events: [] };
  for (const b of generateRequestBatches(data, count, seed, options)) {
    for (const r of b.requests) out.requests.push(r);
    for (const e of b.events) out.events.push(e);
  }
  return out;
}
