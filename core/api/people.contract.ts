/** People and access: invitations, the staff register's status, revoking, and the audit log. */
import type { Role } from '../people/role';

export interface InvitationView {
  /** Shown once: only its hash is stored. */
  code: string;
  /** Opens the redeem page with the code filled in. */
  link: string;
  /** The link as a QR code (GIF data URL). */
  qr: string;
  expiresAt: string;
  userId: string;
  name: string;
}

export const PERSON_STATUSES = ['pending', 'active', 'revoked'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];
export const PERSON_STATUS_LABELS: Record<PersonStatus, string> = { pending: '未激活', active: '已激活', revoked: '已停用' };

export interface PersonRow {
  id: string;
  name: string;
  /** 138****1234: an admin needs to know whom they reach, not the number. */
  mobile: string | null;
  status: PersonStatus;
  roles: Role[];
  roleLabels: string[];
  communityId: string | null;
  communityName: string | null;
  /** Names of the grids this person leads and backs up (B角). */
  grids: string[];
  backupGrids: string[];
  /** Whether the caller may invite or revoke this person. */
  manageable: boolean;
}

export interface PeoplePageView {
  people: PersonRow[];
  next: string | null;
}

export interface AuditRowView {
  id: string;
  at: string;
  actorName: string;
  action: string;
  /** 邀请工作人员 / 接受邀请 / 停用工作人员 …; the raw action when it has no label. */
  actionLabel: string;
  targetName: string;
  /** Before → after, in words. */
  summary: string;
}

export interface AuditPageView {
  entries: AuditRowView[];
  next: string | null;
}

export interface RevokeResult {
  userId: string;
  /** Grids left without a worker or a backup by this revoke. */
  clearedGrids: string[];
  burntInvitations: number;
}

export interface PeopleContract {
  people: {
    list: { input: { communityId?: string; role?: Role; cursor?: string }; output: PeoplePageView };
    invite: { input: { userId: string }; output: InvitationView };
    revoke: { input: { userId: string }; output: RevokeResult };
    audit: { input: { cursor?: string }; output: AuditPageView };
  };
}
