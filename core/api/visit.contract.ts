/** Replies of the `visit` function, shared by the server and the app. */
import type { KeyGroup } from '../places/place';
import type { DueEntry } from '../visits/rhythm';
import type { VisitKind, VisitOutcome } from '../visits/visit';

export interface VisitItem {
  id: string;
  kind: VisitKind;
  date: string;
  at: string;
  /** 角色 + 姓氏 of the worker (张网格员). */
  workerName: string;
  met: string;
  note: string;
  photoUrls: string[];
  outcome: VisitOutcome;
  requestId: string | null;
  followUpOn: string | null;
}

export interface RecordVisitResult {
  visit: VisitItem;
  /** True when this client key had been recorded before (a retried send): nothing new was written. */
  duplicate: boolean;
}

export interface VisitHousehold {
  id: string;
  buildingId: string;
  /** 3栋2单元201室 */
  label: string;
  keyGroups: KeyGroup[];
  lastVisit: string | null;
}

export interface GridHouseholds {
  gridId: string;
  gridName: string;
  buildings: { id: string; name: string }[];
  households: VisitHousehold[];
}

export interface DueHousehold extends DueEntry {
  label: string;
  keyGroups: KeyGroup[];
}

export interface DueList {
  gridId: string;
  gridName: string;
  today: string;
  entries: DueHousehold[];
}

export interface HouseholdHistory {
  household: VisitHousehold;
  gridId: string;
  visits: VisitItem[];
}

export interface GridCoverage {
  gridId: string;
  gridName: string;
  communityId: string;
  communityName: string;
  households: number;
  /** Households visited at least once in the period. */
  visited: number;
  /** Key-group households the period asked something of. */
  keyHouseholds: number;
  /** Of those, how many kept every rhythm in the period. */
  keptRhythm: number;
}

export interface VisitCoverage {
  from: string;
  to: string;
  grids: GridCoverage[];
}

export interface RecordVisitInput {
  clientKey: string;
  kind: VisitKind;
  gridId: string;
  householdId?: string;
  buildingId?: string;
  at: string;
  met?: string;
  note: string;
  photoFileIds?: string[];
  outcome: VisitOutcome;
  requestId?: string;
  followUpOn?: string;
  location?: { latitude: number; longitude: number };
}

export interface VisitContract {
  visit: {
    record: { input: RecordVisitInput; output: RecordVisitResult };
    due: { input: { gridId: string }; output: DueList };
    households: { input: { gridId: string; buildingId?: string; keyGroup?: KeyGroup }; output: GridHouseholds };
    history: { input: { householdId: string }; output: HouseholdHistory };
    coverage: { input: { from: string; to: string; communityId?: string }; output: VisitCoverage };
  };
}
