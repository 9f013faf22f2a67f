/**
 * Is this person an approver? `exemptions.approvers` lists logins (`alice`,
 * `@alice`) and teams (`@acme/product-leads`). Logins are compared without
 * case, as GitHub does; teams are asked about one by one, and only when no
 * login matched, so a plain login list costs no request. A team the token
 * cannot read does not match, and is named so the reply and the log say so.
 */
export interface ApproverCheck {
  approved: boolean;
  /** Teams whose membership the token could not read. */
  unreadableTeams: string[];
}

/** What GitHub says of a login and a team; `unreadable` when the token may not ask. */
export type Membership = 'member' | 'not-member' | 'unreadable';

export type MembershipLookup = (org: string, teamSlug: string, login: string) => Promise<Membership>;

function isTeam(approver: string): boolean {
  return approver.includes('/');
}

export async function checkApprover(approvers: readonly string[], login: string, membership: MembershipLookup): Promise<ApproverCheck> {
  const wanted = login.toLowerCase();
  if (approvers.some((approver) => !isTeam(approver) && approver.replace(/^@/, '').toLowerCase() === wanted)) {
    return { approved: true, unreadableTeams: [] };
  }
  const unreadableTeams: string[] = [];
  for (const team of approvers.filter(isTeam)) {
    const [org = '', slug = ''] = team.replace(/^@/, '').split('/');
    const answer = await membership(org, slug, login);
    if (answer === 'member') return { approved: true, unreadableTeams };
    if (answer === 'unreadable') unreadableTeams.push(team);
  }
  return { approved: false, unreadableTeams };
}
