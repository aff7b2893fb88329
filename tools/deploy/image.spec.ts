import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repositoryRoot, runTool } from './deploy-tools';

const dockerfile = readFileSync(join(repositoryRoot, 'Dockerfile'), 'utf8');
const dockerignore = readFileSync(join(repositoryRoot, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));

describe('the image', () => {
  it('is built from a context of only what it copies: the checkout’s node_modules, dist and caches are never sent', () => {
    expect(dockerignore[0]).toBe('*');
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1].split(/\s+/));
    const sent = dockerignore.filter((line) => line.startsWith('!')).map((line) => line.slice(1).replace(/\/$/, ''));
    expect(new Set(copied)).toEqual(new Set(sent));
    expect(dockerignore).toContain('**/node_modules');
  });

  it('takes every stage from one base image a release pins by digest, and says what it is (OCI labels, halfhour_build_info)', () => {
    const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\S+)$/gm)];
    expect(stages.length).toBeGreaterThan(1);
    for (const [, image] of stages) expect(image).toBe('${NODE_IMAGE}');
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20\.\d+-bookworm-slim$/m);
    for (const label of ['title', 'source', 'licenses', 'version', 'revision', 'created']) expect(dockerfile).toContain(`org.opencontainers.image.${label}=`);
    expect(dockerfile).toMatch(/HALFHOUR_VERSION=\$\{VERSION\}/);
    expect(dockerfile).toMatch(/HALFHOUR_REVISION=\$\{REVISION\}/);
  });

  it.each(['dev', 'prod'])('runs a released version in the %s overlay, never a mutable tag', (overlay) => {
    const { status, output } = runTool('kubectl', 'kubectl', ['kustomize', join(repositoryRoot, 'deploy/k8s/overlays', overlay)]);
    expect(status).toBe(0);
    const images = parseAllDocuments(output).map((d) => d.toJS()).filter(Boolean)
      .flatMap((o) => [...(o.spec?.template?.spec?.containers ?? []), ...(o.spec?.template?.spec?.initContainers ?? [])].map((c: { image: string }) => c.image));
    expect(images.length).toBeGreaterThan(6);
    for (const image of images) expect(image).toMatch(/^ghcr\.io\/halfhour\/halfhour(:\d+\.\d+\.\d+|@sha256:[0-9a-f]{64})$/);
  });
});
