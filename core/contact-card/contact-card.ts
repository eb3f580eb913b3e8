import type { DutySlot } from './duty-hours';

/** What a grid worker keeps about themselves on the card. One per worker, shown on each of their grids. */
export interface ContactCard {
  workerId: string;
  displayName: string;
  /** 工作电话: shown to the residents of the worker's grids and on the printed poster. */
  workPhone: string;
  /** File id in file storage; shown through a short-lived URL, never stored as a URL. */
  photoFileId: string | null;
  dutyHours: DutySlot[];
  intro: string;
  updatedAt: string;
}

export const DEFAULT_DUTY_HOURS: DutySlot[] = [{ days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30' }];

export const INTRO_MAX = 120;

/** One worker as a card shows them. */
export interface WorkerCardView {
  workerId: string;
  name: string;
  photoUrl: string | null;
  workPhone: string;
  dutyHours: DutySlot[];
  dutyText: string;
  onDuty: boolean;
  intro: string;
}

/** 网格服务联系卡 as the app shows it. */
export interface ContactCardView {
  grid: {
    id: string;
    code: string;
    name: string;
    boundaryText: string;
    households: number;
    communityId: string;
    communityName: string;
    streetName: string;
  };
  worker: WorkerCardView | null;
  backup: WorkerCardView | null;
  hotline: { name: string; phone: string };
  /** The resident's own address, when the card is shown to a bound resident. */
  address: string | null;
}
