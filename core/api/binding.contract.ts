/** Binding confirmation: a resident's binding is 待网格员确认 until a worker of its grid confirms or rejects it. */
import type { ResidenceStatus } from '../people/user';

export const RESIDENCE_STATUS_LABELS: Record<ResidenceStatus, string> = { pending: '待网格员确认', confirmed: '已确认' };

export interface PendingBindingRow {
  userId: string;
  /** 张* : a worker confirms an address, not a person's full name. */
  name: string;
  gridId: string;
  gridName: string;
  /** 东湖社区3号楼2单元502室, or the grid's name when bound to the grid only (no room picked). */
  address: string;
  via: 'address' | 'qr';
  viaLabel: string;
  boundAt: string;
}

export interface PendingBindingsView {
  /** The grids the list covers, by code. */
  grids: { id: string; name: string }[];
  items: PendingBindingRow[];
}

export interface BindingContract {
  pendingBindings: { input: { gridId?: string }; output: PendingBindingsView };
  confirmBinding: { input: { userId: string }; output: { userId: string; status: 'confirmed' } };
  rejectBinding: { input: { userId: string; reason?: string }; output: { userId: string; status: 'rejected' } };
}
