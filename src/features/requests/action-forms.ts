/**
 * What each action on a request asks for before it is sent. The server decides which actions a person may
 * take (`detail.actions`); this table only says how to ask for each one and builds its input, checked with
 * the function's own schema so most mistakes never leave the phone.
 */
import type { ActionInput } from '@core/api/contract';
import { REQUEST_SCHEMAS } from '@core/api/request.schemas';
import type { Rating } from '@core/requests/request.status';
import { actionButtonLabel, type RequestAction } from '@core/requests/request.transitions';
import type { FieldIssue } from '@core/shared/errors';
import { parse, type Schema } from '@core/validation/schema';
import type { DetailAction } from './api';

export type ActionField = 'text' | 'photos' | 'rating' | 'target' | 'grid';

export interface ActionForm {
  /** Button and dialog title: the transition's own (core/requests/request.transitions). */
  label: string;
  /** Filled (primary), outlined red (danger, an action that ends or undoes), or plain. */
  tone: 'primary' | 'danger' | 'default';
  fields: ActionField[];
  /** The text field's label and placeholder, when there is one. */
  textLabel?: string;
  textPlaceholder?: string;
  textRequired?: boolean;
  /** The ratings offered, when rating. */
  ratings?: Rating[];
  /** Sent with one tap, no dialog. */
  direct?: boolean;
  /** A sentence that says what happens, shown above the fields. */
  hint?: string;
  confirmText: string;
  /** Said (briefly, as a toast) once it is done. */
  doneText: string;
}

export const ACTION_FORMS: Record<DetailAction, ActionForm> = {
  accept: { label: actionButtonLabel('accept'), tone: 'primary', fields: [], direct: true, confirmText: '受理', doneText: '已受理' },
  dispatch: {
    label: actionButtonLabel('dispatch'),
    tone: 'default',
    fields: ['target', 'text'],
    textLabel: '派遣原因',
    textPlaceholder: '例如：需要社区协调物业处理',
    textRequired: true,
    confirmText: '确认派遣', doneText: '已派遣',
  },
  reject: {
    label: actionButtonLabel('reject'),
    tone: 'danger',
    fields: ['text'],
    textLabel: '不予受理的原因',
    textPlaceholder: '居民会看到这段说明，请写清楚原因和可以去哪里办理',
    textRequired: true,
    confirmText: '确认不予受理', doneText: '已不予受理',
  },
  withdraw: {
    label: actionButtonLabel('withdraw'),
    tone: 'danger',
    fields: [],
    hint: '撤回后这条诉求将不再处理，如需反映请重新提交。确定撤回吗？',
    confirmText: '确认撤回', doneText: '已撤回',
  },
  progress: {
    label: actionButtonLabel('progress'),
    tone: 'default',
    fields: ['text', 'photos'],
    textLabel: '处置情况',
    textPlaceholder: '例如：已联系物业，明天上午维修',
    textRequired: true,
    confirmText: '提交反馈', doneText: '已提交反馈',
  },
  resolve: {
    label: actionButtonLabel('resolve'),
    tone: 'primary',
    fields: ['text', 'photos'],
    textLabel: '办理结果',
    textPlaceholder: '例如：路灯已更换，可以正常使用',
    textRequired: true,
    hint: '办结后请居民确认结果；居民不满意可以申请重办。',
    confirmText: '确认办结', doneText: '已办结',
  },
  confirm: {
    label: actionButtonLabel('confirm'),
    tone: 'primary',
    fields: ['rating', 'text'],
    ratings: ['satisfied', 'basically_satisfied'],
    textLabel: '评价内容（选填）',
    textPlaceholder: '说说您对办理结果的看法',
    hint: '问题已经解决了吗？请为这次办理打个分。如果不满意，请点「不满意，申请重办」。',
    confirmText: '提交评价', doneText: '感谢您的评价',
  },
  reopen: {
    label: actionButtonLabel('reopen'),
    tone: 'danger',
    fields: ['text'],
    textLabel: '不满意的原因',
    textPlaceholder: '请说明哪里还没有解决，方便网格员重新处理',
    textRequired: true,
    confirmText: '申请重办', doneText: '已申请重办',
  },
  rate: {
    label: actionButtonLabel('rate'),
    tone: 'primary',
    fields: ['rating', 'text'],
    ratings: ['satisfied', 'basically_satisfied', 'unsatisfied'],
    textLabel: '评价内容（选填）',
    textPlaceholder: '说说您对办理结果的看法',
    confirmText: '提交评价', doneText: '感谢您的评价',
  },
  verify: {
    label: actionButtonLabel('verify'),
    tone: 'primary',
    fields: ['text'],
    textLabel: '核查情况',
    textPlaceholder: '例如：已到现场查看，问题已解决',
    textRequired: true,
    confirmText: '核查通过', doneText: '已核查',
  },
  reassign: {
    label: actionButtonLabel('reassign'),
    tone: 'default',
    fields: ['grid', 'text'],
    textLabel: '改派原因',
    textPlaceholder: '例如：问题发生地属于其他网格',
    textRequired: true,
    confirmText: '确认改派', doneText: '已改派',
  },
  release: { label: actionButtonLabel('release'), tone: 'primary', fields: [], direct: true, confirmText: '审核通过', doneText: '已审核通过' },
  refuse: {
    label: actionButtonLabel('refuse'),
    tone: 'danger',
    fields: ['text'],
    textLabel: '不通过的原因',
    textPlaceholder: '例如：内容与社区事务无关',
    textRequired: true,
    confirmText: '确认不通过', doneText: '已审核不通过',
  },
};

/** Buttons in this order: the usual next step first, the ones that end or undo a request last. */
const ORDER: DetailAction[] = ['release', 'accept', 'progress', 'resolve', 'confirm', 'rate', 'verify', 'dispatch', 'reassign', 'reopen', 'reject', 'refuse', 'withdraw'];

/** The actions of `detail.actions` this app knows how to ask for (the server may list others, e.g. archive). */
export function shownActions(actions: readonly RequestAction[]): DetailAction[] {
  return ORDER.filter((a) => (actions as readonly string[]).includes(a));
}

export interface ActionValues {
  text: string;
  photoFileIds: string[];
  rating: Rating | null;
  target: 'community' | 'department' | null;
  departmentId: string | null;
  gridId: string | null;
}

export const EMPTY_VALUES: ActionValues = { text: '', photoFileIds: [], rating: null, target: null, departmentId: null, gridId: null };

export type ActionErrors = Partial<Record<ActionField | 'department' | 'form', string>>;

type Built<A extends DetailAction> = { ok: true; input: ActionInput<'request', A> } | { ok: false; errors: ActionErrors };

function inputOf(action: DetailAction, ref: { id: string; version: number }, v: ActionValues): Record<string, unknown> {
  const text = v.text.trim();
  switch (action) {
    case 'accept':
    case 'withdraw':
    case 'release':
      return { ...ref };
    case 'dispatch':
      return { ...ref, target: v.target ?? undefined, ...(v.target === 'department' ? { departmentId: v.departmentId ?? undefined } : {}), reason: text };
    case 'reject':
    case 'refuse':
      return { ...ref, reason: text };
    case 'progress':
    case 'resolve':
      return { ...ref, note: text, photoFileIds: v.photoFileIds };
    case 'confirm':
    case 'rate':
      return { ...ref, rating: v.rating ?? undefined, ...(text ? { comment: text } : {}) };
    case 'reopen':
      return { ...ref, comment: text };
    case 'verify':
      return { ...ref, note: text };
    case 'reassign':
      return { ...ref, gridId: v.gridId ?? undefined, reason: text };
  }
}

const FIELD_OF: Record<string, keyof ActionErrors> = {
  reason: 'text',
  note: 'text',
  comment: 'text',
  photoFileIds: 'photos',
  rating: 'rating',
  target: 'target',
  departmentId: 'department',
  gridId: 'grid',
};

export function actionErrorsFromIssues(issues: FieldIssue[]): ActionErrors {
  const errors: ActionErrors = {};
  for (const issue of issues) {
    const key = FIELD_OF[issue.path.split('.')[0]] ?? 'form';
    if (!errors[key]) errors[key] = issue.message;
  }
  return errors;
}

/**
 * The input of one action, carrying the version the person saw (a stale version is refused by the server,
 * so two people cannot act on the same request at once without one of them seeing the other's change).
 */
export function buildActionInput<A extends DetailAction>(action: A, ref: { id: string; version: number }, values: ActionValues): Built<A> {
  const input = inputOf(action, ref, values);
  const schema = REQUEST_SCHEMAS.request[action] as Schema<unknown>;
  const result = parse(schema, input);
  const errors: ActionErrors = result.ok ? {} : actionErrorsFromIssues(result.issues);
  // The schema cannot say these in a person's words: what to pick.
  if (ACTION_FORMS[action].fields.includes('rating') && !values.rating) errors.rating = '请选择评价';
  if (action === 'dispatch' && !values.target) errors.target = '请选择派遣给社区还是部门';
  if (action === 'dispatch' && values.target === 'department' && !values.departmentId) errors.department = '请选择部门';
  if (action === 'reassign' && !values.gridId) errors.grid = '请选择改派到的网格';
  if (Object.keys(errors).length || !result.ok) return { ok: false, errors };
  return { ok: true, input: result.value as ActionInput<'request', A> };
}
