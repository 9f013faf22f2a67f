/**
 * Whether an actor GitHub's GraphQL API names is one of the product's
 * identities. Identities are logins as REST and GraphQL's `viewer` give them:
 * an App's bot is `name[bot]` there (fullsend-ai/fullsend#1953 reads
 * `fullsend-ai-coder[bot]` from `viewer`). As an actor, author or reactor,
 * GraphQL names the same bot `name`, with `__typename: Bot`
 * (zxkane/autonomous-dev-team#395, lhpaul/ai-dev-framework-template#732).
 * The bare name matches only an actor of type Bot, so a person who registers
 * the App's name is never taken for the product.
 */
export interface GraphqlActor {
  login: string;
  __typename?: string;
}

export function isIdentity(identities: readonly (string | undefined)[], actor: GraphqlActor | null | undefined): boolean {
  if (!actor?.login) return false;
  const login = actor.login.toLowerCase();
  return identities.some((identity) => {
    const wanted = identity?.toLowerCase();
    return wanted !== undefined && (wanted === login || (actor.__typename === 'Bot' && wanted === `${login}[bot]`));
  });
}
