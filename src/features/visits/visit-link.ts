/**
 * A request filed on the spot during a visit: the record page opens 巡查上报 with its visit's client key, and the
 * file page, once the request is in, tells the waiting visit its id through this event before going back.
 */
export const VISIT_REQUEST_FILED = 'visit:request-filed';

export interface VisitRequestFiled {
  visitKey: string;
  requestId: string;
}
