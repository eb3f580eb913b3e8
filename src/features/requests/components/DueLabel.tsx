import { Text } from '@tarojs/components';
import type { RequestSummary } from '@core/api/request.contract';
import { dueKindLabel, dueText } from '../request-view';

/** 办结期限：剩余1天3小时 / 已超期2小时 — nothing once the request is closed. */
export default function DueLabel({ dueAt, dueKind, now, className }: { dueAt: string | null; dueKind: RequestSummary['dueKind']; now: number; className?: string }) {
  const due = dueText(dueAt, now);
  if (!due) return null;
  return (
    <Text className={`rq-due ${due.overdue ? 'rq-due--overdue' : ''} e2e-countdown ${className ?? ''}`}>
      {dueKindLabel(dueKind)}：{due.text}
    </Text>
  );
}
