import { Text } from '@tarojs/components';
import type { RequestStatus } from '@core/requests/request.status';
import { statusTone } from '../request-view';

/** The status in words, coloured by kind: red when an open request is overdue. */
export default function StatusTag({ status, label, overdue }: { status: RequestStatus; label: string; overdue: boolean }) {
  return <Text className={`tag rq-tag rq-tag--${statusTone(status, overdue)} e2e-status`} data-status={status}>{label}</Text>;
}
