/**
 * The ways the docs may tell a reader to get the command line, for a given
 * version: each works without the npm registry.
 */
export const REPOSITORY = 'roadmap-guard/roadmap-guard';

/** The name `npm pack` gives the tarball, which the release attaches as it is. */
export function releaseAssetName(version: string): string {
  return `roadmap-guard-${version}.tgz`;
}

export function releaseAssetUrl(version: string): string {
  return `https://github.com/${REPOSITORY}/releases/download/v${version}/${releaseAssetName(version)}`;
}

/** Package specs npx and npm install accept for this release: the repository at the major tag or the release's tag, and the release's tarball. */
export function packageSpecs(version: string): string[] {
  return [`github:${REPOSITORY}#v${version.split('.')[0]}`, `github:${REPOSITORY}#v${version}`, releaseAssetUrl(version)];
}
