/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) as we speak it: how our categories read as
 * services, how a request of our loop reads as a service request, and the spec's error shape. Pure: the
 * use cases (server/use-cases/open311) read the store and call these; render.ts writes JSON or XML.
 *
 * Rules (docs/OPEN311.md says the same in words):
 * - Status: held (content review) is not published at all; submitted/accepted/dispatched/in_progress are
 *   open; resolved (办结, the handler is done) and verified/archived/rejected/withdrawn are closed. A resident
 *   who reopens a resolved request makes it open again.
 * - status_notes is the status label and the public part of the handling so far: the note of the latest step whose
 *   note is written for the reporter (处置情况, 办理结果, 不予受理的原因), unless the request was reopened or reassigned
 *   after it (that note no longer describes where it stands); mobile numbers in it are masked.
 * - agency_responsible is the community; expected_datetime the current working-day deadline (none once closed).
 * - address / lat / long only when the reporter gave them. No reporter personal data (name, phone, account)
 *   is ever part of a response: the view below has no field that could carry it.
 * - description only for a partner of the jurisdiction (a valid api_key); the keyless public view leaves it null.
 */
import { maskPhone } from '../people/phone';
import { currentDue, type Category, type ServiceRequest } from '../requests/request';
import { CATEGORY_KIND_LABELS, STATUS_LABELS, type RequestStatus } from '../requests/request.status';

export type Open311Format = 'json' | 'xml';
export type Open311Status = 'open' | 'closed';

/** What a service request is published as; null: not published (held for content review). */
export const OPEN311_STATUS: Record<RequestStatus, Open311Status | null> = {
  held: null,
  submitted: 'open',
  accepted: 'open',
  dispatched: 'open',
  in_progress: 'open',
  resolved: 'closed',
  verified: 'closed',
  archived: 'closed',
  rejected: 'closed',
  withdrawn: 'closed',
  merged: 'closed',
};

/** Our statuses an Open311 `status` filter asks for. */
export function statusesFor(status: Open311Status): RequestStatus[] {
  return (Object.keys(OPEN311_STATUS) as RequestStatus[]).filter((s) => OPEN311_STATUS[s] === status);
}

/** Steps whose note is written for the reporter (the resident reads the same text in the app). */
export const PUBLIC_NOTE_ACTIONS = ['progress', 'resolve', 'reject', 'refuse'] as const;

/** Steps after which an earlier note no longer describes where the request stands. */
export const NOTE_RESET_ACTIONS = ['reopen', 'reassign'] as const;

/** The step status_notes quotes: walking back from the latest event, the first public note, unless a reset comes first. */
export function publicStepOf(events: readonly { action: string; note: string }[]): { action: string; note: string } | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if ((NOTE_RESET_ACTIONS as readonly string[]).includes(e.action)) return null;
    if ((PUBLIC_NOTE_ACTIONS as readonly string[]).includes(e.action) && e.note.trim()) return { action: e.action, note: e.note };
  }
  return null;
}

/** Attribute codes of every service definition. */
export const ATTR_GRID_CODE = 'grid_code';
export const ATTR_TICKET_NO = 'ticket_no';

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export type AttributeDatatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values: { key: string; name: string }[];
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

export interface Open311Request {
  service_request_id: string;
  status: Open311Status;
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/** POST requests: created at once, or held for content review and answered with a token. */
export type Open311Posted =
  | { service_request_id: string; service_notice: string; account_id: string | null }
  | { token: string; service_notice: string };

export interface Open311Token {
  service_request_id: string | null;
  token: string;
}

export interface Open311Error {
  code: number;
  description: string;
}

/**
 * A W3C datetime in Beijing time (+08:00), as the spec asks (a zone is required): what a hotline operator
 * reads off the record is the local time.
 */
export function w3cDatetime(iso: string): string {
  const t = Date.parse(iso);
  const d = new Date(t + 8 * 3600 * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}+08:00`;
}

const W3C_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const W3C_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A `start_date` / `end_date` as an ISO instant, or null when it is not a W3C datetime. A date without a time
 * is that day's start in Beijing time; a datetime must carry its zone (Z or ±HH:MM), as the spec requires.
 */
export function parseW3c(text: string): string | null {
  const m = W3C_INSTANT.exec(text) ?? W3C_DATE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  const source = m.length > 4 ? text : `${text}T00:00:00+08:00`;
  if (m.length > 4 && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return null;
  const t = Date.parse(source);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** Every active category is a service; each asks for where it is (metadata: true, see serviceDefinitionOf). */
export function serviceOf(category: Category): Open311Service {
  const group = CATEGORY_KIND_LABELS[category.kind];
  return {
    service_code: category.id,
    service_name: category.name,
    description: `${group}：${category.name}（受理时限按工作时间计算）`,
    metadata: true,
    type: 'realtime',
    keywords: [category.name, group].join(','),
    group,
  };
}

/**
 * What a request of the category needs besides the spec's own fields. Our requests belong to a grid, so
 * `grid_code` (the national grid code of the register, 网格编码) places it unless `address_id` (a household
 * id of our address register) does; `ticket_no` (the hotline's 工单编号) makes a retried POST answer with the
 * request the first one created.
 */
export function serviceDefinitionOf(category: Category): Open311ServiceDefinition {
  return {
    service_code: category.id,
    attributes: [
      {
        variable: true,
        code: ATTR_GRID_CODE,
        datatype: 'string',
        required: true,
        datatype_description: '网格编码：台账中的全国统一网格编码（数字）；提供 address_id（房屋编号）时可不填',
        order: 1,
        description: '诉求所在的网格',
        values: [],
      },
      {
        variable: true,
        code: ATTR_TICKET_NO,
        datatype: 'string',
        required: false,
        datatype_description: '工单编号：8～64位字母、数字、下划线或短横线；同一工单编号重复提交时返回第一次创建的诉求',
        order: 2,
        description: '热线或平台的工单编号',
        values: [],
      },
    ],
  };
}

/** Masks every mainland mobile number inside a text (a handler may have typed one into a note). */
export function maskPhonesIn(text: string): string {
  return text.replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (m) => maskPhone(m));
}

export interface RequestViewContext {
  /** The community (agency_responsible). */
  communityName: string;
  /** The step whose note status_notes quotes (publicStepOf the request's events), or null. */
  publicStep: { action: string; note: string } | null;
  /** A partner of the jurisdiction reads the description; the public does not. */
  withDescription: boolean;
}

/** The request as Open311 publishes it; null when it is not published (held for review). */
export function open311RequestOf(r: ServiceRequest, ctx: RequestViewContext): Open311Request | null {
  const status = OPEN311_STATUS[r.status];
  if (!status) return null;
  const step = ctx.publicStep;
  const note = step && (PUBLIC_NOTE_ACTIONS as readonly string[]).includes(step.action) && step.note.trim() ? `：${maskPhonesIn(step.note.trim())}` : '';
  const due = status === 'open' ? currentDue(r) : null;
  return {
    service_request_id: r.id,
    status,
    status_notes: `${STATUS_LABELS[r.status]}${note}`,
    service_name: r.categoryName,
    service_code: r.categoryId,
    description: ctx.withDescription ? r.description : null,
    agency_responsible: ctx.communityName,
    service_notice: null,
    requested_datetime: w3cDatetime(r.createdAt),
    updated_datetime: w3cDatetime(r.updatedAt),
    expected_datetime: due ? w3cDatetime(due.at) : null,
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.location ? r.location.latitude : null,
    long: r.location ? r.location.longitude : null,
    media_url: null,
  };
}
