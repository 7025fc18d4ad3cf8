import { describe, expect, it } from 'vitest';
import { adviseCompose, adviseDockerfile, CONTAINER_FILE } from '../../src/advice/container-build.js';

const at = { root: '/r', path: 'Dockerfile' };
const lines = (text: string) => adviseDockerfile(text, at).map((a) => a.line);

describe('adviseDockerfile: installs that run with a secret in their environment', () => {
  it.each([
    ['ARG NPM_TOKEN, then npm ci', 'FROM node:22\nARG NPM_TOKEN\nCOPY . .\nRUN npm ci\n', [4]],
    ['ENV with a token, then pip install', 'FROM python:3.13\nENV PIP_TOKEN=abc API_URL=x\nRUN pip install -r requirements.txt\n', [3]],
    ['an install on a continuation line', 'FROM node:22\nARG GITHUB_TOKEN\nRUN apt-get update && \\\n    yarn install --frozen-lockfile\n', [3]],
    ['bundle install with a password arg', 'FROM ruby:3\nARG BUNDLE_PASSWORD\nRUN bundle install\n', [3]],
    ['the secret stage only, in a multi-stage build', 'FROM node:22 AS build\nARG NPM_TOKEN\nRUN npm ci\nFROM node:22\nCOPY --from=build /app /app\nRUN npm ci --omit=dev\n', [3]],
  ])('%s', (_name, text, expected) => {
    expect(lines(text)).toEqual(expected);
  });

  it.each([
    ['a secret mount, no ARG', 'FROM node:22\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n'],
    ['an ARG that is no secret', 'FROM node:22\nARG NODE_ENV=production\nRUN npm ci\n'],
    ['a secret ARG, but no install', 'FROM alpine\nARG GITHUB_TOKEN\nRUN echo building\n'],
    ['the install before the secret', 'FROM node:22\nRUN npm ci\nARG DEPLOY_TOKEN\nRUN ./deploy.sh\n'],
    ['a token file path, not a token', 'FROM node:22\nARG NPM_TOKEN_FILE\nRUN npm ci\n'],
    ['a comment', 'FROM node:22\n# ARG NPM_TOKEN\nRUN npm ci\n'],
  ])('no advice: %s', (_name, text) => {
    expect(lines(text)).toEqual([]);
  });
});

describe('adviseCompose', () => {
  const services = (yaml: string) => adviseCompose(yaml, { root: '/r', path: 'compose.yml' }).map((a) => /service "([^"]+)"/.exec(a.message)?.[1]);
  it('flags secret build args, and secrets in the environment of a service that installs at start (a built service\'s environment is there only when it runs, not while its image is built)', () => {
    const yaml = [
      'services:',
      '  api:',
      '    build: { context: ., args: { NPM_TOKEN: "${NPM_TOKEN}" } }',
      '  worker:',
      '    build: ./worker',
      '    environment: ["STRIPE_SECRET_KEY=${STRIPE_SECRET_KEY}", LOG_LEVEL=info]',
      '  dev:',
      '    image: node:22',
      '    command: sh -c "npm install && npm start"',
      '    environment: { OPENAI_API_KEY: x }',
      '  db:',
      '    image: postgres:17',
      '    environment: { POSTGRES_PASSWORD: example }',
      '  web:',
      '    build: .',
      '    environment: { NODE_ENV: production }',
    ].join('\n');
    expect(services(yaml)).toEqual(['api', 'dev']);
  });

  it('ignores what is not YAML', () => {
    expect(adviseCompose('services: [unclosed', { root: '/r', path: 'compose.yml' })).toEqual([]);
  });
});

describe('which files are read', () => {
  it.each(['Dockerfile', 'Dockerfile.dev', 'api.dockerfile', 'Containerfile', 'compose.yml', 'docker-compose.yaml', 'compose.override.yml'])('%s', (name) => {
    expect(CONTAINER_FILE.test(name)).toBe(true);
  });
  it.each(['Dockerfile.md.bak/x', 'docker.md', 'composer.json', 'my-compose-notes.txt'])('not %s', (name) => {
    expect(CONTAINER_FILE.test(name)).toBe(false);
  });
});
