#!/usr/bin/env node
// Offline checks of the deployment files (`npm run deploy:check`); no cluster,
// no Docker engine and no network needed. Exits 1 when anything is wrong.
//
// 1. deploy/k8s/*.yaml — every object (multi-document files too) against the
//    Kubernetes OpenAPI schema of its apiVersion and kind (kubernetes-models
//    bundles them), fields the schema does not know included (as kubectl's
//    strict field validation refuses them), then the objects against each other:
//    selectors and pod labels, referenced ConfigMaps, Secrets, claims and ports,
//    one image, one namespace, kustomization.yaml's list.
// 2. deploy/compose/compose.yaml — the Compose Specification schema and
//    dclint's correctness rules, the expected services and how they are wired.
// 3. deploy/Dockerfile — dockerfile-utils' validator, and the files it copies.
//
// Usage: node deploy/check.mjs [--root <repository>]   (default: this file's ../)

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { DCLinter } from 'dclint';
import { validate as validateDockerfile, ValidationSeverity } from 'dockerfile-utils';
import { parseAllDocuments } from 'yaml';

const args = process.argv.slice(2);
const rootArg = args.indexOf('--root');
const ROOT = resolve(
  rootArg >= 0 ? args[rootArg + 1] : join(dirname(fileURLToPath(import.meta.url)), '..'),
);
const K8S_DIR = join(ROOT, 'deploy', 'k8s');
const COMPOSE_FILE = join(ROOT, 'deploy', 'compose', 'compose.yaml');
const DOCKERFILE = join(ROOT, 'deploy', 'Dockerfile');

/** Manifests applied on their own, not through kustomization.yaml. */
const APPLIED_SEPARATELY = new Set(['migrate-job.yaml', 'secret.example.yaml']);
const COMPOSE_SERVICES = [
  'mysql',
  'redis',
  'departments',
  'migrate',
  'gateway-1',
  'gateway-2',
  'lb',
];

const problems = [];
const problem = (file, where, path, message) =>
  problems.push({ file: relative(ROOT, file), where, path, message });

/** Parses every YAML document of a file; syntax errors are problems. */
function parseYaml(file, options) {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), options);
  const values = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    for (const error of doc.errors) {
      const at = error.linePos?.[0];
      problem(file, at ? `line ${at.line}` : 'YAML', '', error.message.split('\n')[0]);
    }
    if (doc.errors.length === 0 && doc.contents !== null) values.push(doc.toJS());
  }
  return values;
}

// ---------------------------------------------------------------------------
// Kubernetes
// ---------------------------------------------------------------------------

/**
 * A proxy that records which keys a schema validator reads at each path: an
 * object whose known properties were looked up, but not this key, has an
 * unknown field. Maps (labels, data) are read key by key, so none is flagged;
 * free-form objects are not read at all and are left alone.
 */
function traced(value, path, reads) {
  if (value === null || typeof value !== 'object') return value;
  const seen = new Set();
  const children = new Map();
  reads.push({ path, value, seen });
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key !== 'string') return Reflect.get(target, key, receiver);
      seen.add(key);
      if (!Object.hasOwn(target, key)) return Reflect.get(target, key, receiver);
      if (!children.has(key)) children.set(key, traced(target[key], `${path}/${key}`, reads));
      return children.get(key);
    },
  });
}

const modelModules = new Map();

/** The kubernetes-models class for an apiVersion and kind, or a reason why there is none. */
async function modelFor(apiVersion, kind) {
  if (
    typeof apiVersion !== 'string' ||
    !/^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/.test(apiVersion)
  )
    return { error: `apiVersion ${JSON.stringify(apiVersion)} is not of the form [group/]version` };
  if (typeof kind !== 'string' || kind === '') return { error: 'kind is missing' };
  if (!modelModules.has(apiVersion)) {
    modelModules.set(apiVersion, await import(`kubernetes-models/${apiVersion}`).catch(() => null));
  }
  const module = modelModules.get(apiVersion);
  if (!module) return { error: `unknown apiVersion ${apiVersion}` };
  const Model = module[kind];
  if (typeof Model !== 'function' || Model.kind !== kind || Model.apiVersion !== apiVersion)
    return { error: `unknown kind ${kind} in ${apiVersion}` };
  return { Model };
}

function schemaErrors(error) {
  if (!Array.isArray(error?.errors))
    return [{ path: '', message: String(error?.message ?? error) }];
  const byPath = new Map();
  for (const e of error.errors) {
    const detail =
      e.keyword === 'required'
        ? `missing required field ${e.params.missingProperty}`
        : e.keyword === 'enum'
          ? `${e.message}: ${e.params.allowedValues.join(', ')}`
          : e.message;
    const list = byPath.get(e.instancePath) ?? [];
    if (!list.includes(detail)) list.push(detail);
    byPath.set(e.instancePath, list);
  }
  return [...byPath].map(([path, messages]) => ({
    path: path || '/',
    message: messages.join('; '),
  }));
}

/** The pod template of a workload, or null. */
function podTemplate(object) {
  switch (object.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return object.spec?.template ?? null;
    case 'CronJob':
      return object.spec?.jobTemplate?.spec?.template ?? null;
    default:
      return null;
  }
}

const labelsMatch = (selector, labels) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);

function checkTogether(objects) {
  const named = (kind, name) => objects.find((o) => o.kind === kind && o.metadata?.name === name);
  const namespaces = objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata?.name);
  const workloads = objects.filter((o) => podTemplate(o));
  const images = new Set();

  for (const o of objects) {
    const where = `${o.kind}/${o.metadata?.name}`;
    if (
      o.kind !== 'Namespace' &&
      namespaces.length > 0 &&
      !namespaces.includes(o.metadata?.namespace)
    )
      problem(o.file, where, '/metadata/namespace', `should be ${namespaces.join(' or ')}`);

    const template = podTemplate(o);
    if (template) {
      const labels = template.metadata?.labels;
      if (o.kind === 'Deployment' && !labelsMatch(o.spec?.selector?.matchLabels, labels))
        problem(
          o.file,
          where,
          '/spec/selector/matchLabels',
          'does not match the pod template labels',
        );
      const spec = template.spec ?? {};
      const volumes = new Map((spec.volumes ?? []).map((v) => [v.name, v]));
      for (const v of volumes.values()) {
        if (
          v.persistentVolumeClaim &&
          !named('PersistentVolumeClaim', v.persistentVolumeClaim.claimName)
        )
          problem(
            o.file,
            where,
            `/volumes/${v.name}`,
            `no PersistentVolumeClaim ${v.persistentVolumeClaim.claimName}`,
          );
        if (v.secret && !named('Secret', v.secret.secretName))
          problem(o.file, where, `/volumes/${v.name}`, `no Secret ${v.secret.secretName}`);
        if (v.configMap && !named('ConfigMap', v.configMap.name))
          problem(o.file, where, `/volumes/${v.name}`, `no ConfigMap ${v.configMap.name}`);
      }
      for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
        const at = `/containers/${c.name}`;
        images.add(c.image);
        for (const from of c.envFrom ?? []) {
          if (from.configMapRef && !named('ConfigMap', from.configMapRef.name))
            problem(o.file, where, `${at}/envFrom`, `no ConfigMap ${from.configMapRef.name}`);
          if (from.secretRef && !named('Secret', from.secretRef.name))
            problem(o.file, where, `${at}/envFrom`, `no Secret ${from.secretRef.name}`);
        }
        for (const m of c.volumeMounts ?? [])
          if (!volumes.has(m.name))
            problem(o.file, where, `${at}/volumeMounts`, `no volume ${m.name}`);
        if (o.kind === 'Deployment') {
          // Replicas never migrate: the Job does, once per release.
          const fromMaps = (c.envFrom ?? []).map(
            (f) => named('ConfigMap', f.configMapRef?.name)?.data?.MIGRATE_ON_BOOT,
          );
          const migrate =
            (c.env ?? []).find((e) => e.name === 'MIGRATE_ON_BOOT')?.value ??
            fromMaps.findLast((v) => v !== undefined);
          if (migrate !== 'false')
            problem(o.file, where, `${at}/env/MIGRATE_ON_BOOT`, "must be 'false'");
        }
        const portNames = new Set((c.ports ?? []).map((p) => p.name));
        for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
          const port = c[probe]?.httpGet?.port;
          if (typeof port === 'string' && !portNames.has(port))
            problem(o.file, where, `${at}/${probe}`, `no container port named ${port}`);
        }
      }
    }

    const selects = (selector) =>
      workloads.some((w) => labelsMatch(selector, podTemplate(w).metadata?.labels));
    if (o.kind === 'Service' && !selects(o.spec?.selector))
      problem(o.file, where, '/spec/selector', 'selects no pod of these manifests');
    if (o.kind === 'PodDisruptionBudget' && !selects(o.spec?.selector?.matchLabels))
      problem(o.file, where, '/spec/selector', 'selects no pod of these manifests');
    if (o.kind === 'HorizontalPodAutoscaler') {
      const target = o.spec?.scaleTargetRef ?? {};
      if (!named(target.kind, target.name))
        problem(o.file, where, '/spec/scaleTargetRef', `no ${target.kind} ${target.name}`);
    }
  }
  if (images.size > 1)
    problem(K8S_DIR, 'containers', '/image', `run different images: ${[...images].join(', ')}`);
  return images;
}

function checkKustomization(file, kustomization, manifestFiles, images) {
  const where = 'Kustomization';
  const listed = kustomization.resources ?? [];
  for (const resource of listed) {
    if (!existsSync(join(K8S_DIR, resource)))
      problem(file, where, '/resources', `${resource} does not exist`);
    if (APPLIED_SEPARATELY.has(resource))
      problem(
        file,
        where,
        '/resources',
        `${resource} is applied on its own and must not be listed`,
      );
  }
  for (const manifest of manifestFiles)
    if (!listed.includes(manifest) && !APPLIED_SEPARATELY.has(manifest))
      problem(file, where, '/resources', `${manifest} is neither listed nor applied on its own`);
  for (const image of kustomization.images ?? []) {
    const set = `${image.newName ?? image.name}:${image.newTag}`;
    if (![...images].some((i) => i.replace(/:[^:/]+$/, '') === image.name))
      problem(file, where, '/images', `${image.name} is no container's image`);
    else if (image.newTag !== undefined && !images.has(set))
      problem(file, where, '/images', `sets ${set}, the manifests say ${[...images].join(', ')}`);
  }
}

async function checkKubernetes() {
  const files = readdirSync(K8S_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const objects = [];
  let kustomization = null;
  for (const name of files) {
    const file = join(K8S_DIR, name);
    // YAML 1.1, as kubectl reads it: `on`/`yes` are booleans there, 0440 is octal.
    for (const value of parseYaml(file, { version: '1.1' })) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        problem(file, 'document', '', 'is not an object');
        continue;
      }
      if (value.kind === 'Kustomization') {
        kustomization = { file, value };
        continue;
      }
      const where = `${value.kind ?? '?'}/${value.metadata?.name ?? '?'}`;
      const { Model, error } = await modelFor(value.apiVersion, value.kind);
      if (error) {
        problem(file, where, '', error);
        continue;
      }
      const reads = [];
      try {
        // The model's own validate(), run on a traced copy of the object.
        Model.prototype.validate.call(traced(value, '', reads));
      } catch (failure) {
        for (const e of schemaErrors(failure)) problem(file, where, e.path, e.message);
      }
      for (const { path, value: read, seen } of reads) {
        if (Array.isArray(read) || seen.size === 0) continue;
        for (const key of Object.keys(read))
          if (!seen.has(key)) problem(file, where, `${path}/${key}`, 'unknown field');
      }
      objects.push({ ...value, file });
    }
  }
  const images = checkTogether(objects);
  const manifests = files.filter((f) => f !== 'kustomization.yaml');
  if (kustomization) checkKustomization(kustomization.file, kustomization.value, manifests, images);
  else problem(K8S_DIR, 'kustomization.yaml', '', 'missing');
  return { files: files.length, objects: objects.length };
}

// ---------------------------------------------------------------------------
// Compose
// ---------------------------------------------------------------------------

const DCLINT_RULES = {
  // correctness: errors
  'no-build-and-image': 2,
  'no-duplicate-container-names': 2,
  'no-duplicate-exported-ports': 2,
  'no-quotes-in-volumes': 2,
  'no-unbound-port-interfaces': 2,
  'no-version-field': 2,
  'require-project-name-field': 2,
  'require-quotes-in-ports': 2,
  'service-image-require-explicit-tag': 2,
  // ordering and naming style: not checked
  'service-container-name-regex': 0,
  'service-dependencies-alphabetical-order': 0,
  'service-keys-order': 0,
  'service-ports-alphabetical-order': 0,
  'services-alphabetical-order': 0,
  'top-level-properties-order': 0,
};

function checkCompose() {
  const linter = new DCLinter({ rules: DCLINT_RULES, quiet: false, debug: false, exclude: [] });
  for (const result of linter.lintFiles([COMPOSE_FILE], false))
    for (const m of result.messages)
      // Schema errors are reported below, with the field that is wrong.
      if (m.type === 'error' && m.rule !== 'invalid-schema')
        problem(COMPOSE_FILE, `line ${m.line}`, m.rule ?? '', m.message);

  const [compose] = parseYaml(COMPOSE_FILE, { merge: true });
  // The Compose Specification's JSON schema, as dclint ships it.
  const schemaFile = join(
    dirname(createRequire(import.meta.url).resolve('dclint/package.json')),
    'schemas',
    'compose.schema.json',
  );
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    validateFormats: false,
    validateSchema: false,
  });
  const validateCompose = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  if (compose && !validateCompose(compose))
    for (const e of validateCompose.errors ?? []) {
      const field = e.params?.additionalProperty;
      problem(
        COMPOSE_FILE,
        'schema',
        e.instancePath || '/',
        field ? `unknown field ${field}` : e.message,
      );
    }
  const services = compose?.services ?? {};
  for (const name of COMPOSE_SERVICES)
    if (!services[name]) problem(COMPOSE_FILE, `services.${name}`, '', 'missing');

  const declaredSecrets = new Set(Object.keys(compose?.secrets ?? {}));
  for (const [name, service] of Object.entries(services)) {
    for (const secret of service.secrets ?? []) {
      const secretName = typeof secret === 'string' ? secret : secret.source;
      if (!declaredSecrets.has(secretName))
        problem(COMPOSE_FILE, `services.${name}`, 'secrets', `${secretName} is not declared`);
    }
    for (const volume of service.volumes ?? []) {
      const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
      if (source?.startsWith('.') && !existsSync(join(dirname(COMPOSE_FILE), source)))
        problem(COMPOSE_FILE, `services.${name}`, 'volumes', `${source} does not exist`);
    }
  }

  const gateways = Object.keys(services).filter((n) => n.startsWith('gateway-'));
  if (gateways.length < 2) problem(COMPOSE_FILE, 'services', '', 'fewer than two gateway replicas');
  for (const name of gateways) {
    const service = services[name];
    const env = service.environment ?? {};
    const at = `services.${name}`;
    const expect = (key, ok, message) => {
      if (!ok) problem(COMPOSE_FILE, at, key, message);
    };
    expect(
      'depends_on.migrate',
      service.depends_on?.migrate?.condition === 'service_completed_successfully',
      'must wait for migrate to complete successfully',
    );
    expect(
      'environment.MIGRATE_ON_BOOT',
      String(env.MIGRATE_ON_BOOT) === 'false',
      "must be 'false'",
    );
    expect('environment.DEMO_SEED', String(env.DEMO_SEED) === 'false', "must be 'false'");
    expect('environment.REDIS_URL', /^rediss?:\/\//.test(env.REDIS_URL ?? ''), 'must be set');
    expect(
      'environment.DATABASE_URL',
      Boolean(env.DATABASE_URL_FILE ?? env.DATABASE_URL),
      'must be set',
    );
    expect('environment.AUDIT_SIGNING_KEY', Boolean(env.AUDIT_SIGNING_KEY), 'must be set');
    for (const dept of ['PROJECT_APPROVAL', 'LAND_PLANNING', 'TAX', 'SOCIAL_INSURANCE'])
      expect(`environment.${dept}_URL`, Boolean(env[`${dept}_URL`]), 'must be set');
  }

  const nginxFile = join(dirname(COMPOSE_FILE), 'nginx.conf');
  if (existsSync(nginxFile)) {
    const nginx = readFileSync(nginxFile, 'utf8');
    for (const name of gateways)
      if (!new RegExp(`^\\s*server\\s+${name}:3000\\b`, 'm').test(nginx))
        problem(nginxFile, 'upstream', '', `no server ${name}:3000`);
  }
  return { services: Object.keys(services).length };
}

// ---------------------------------------------------------------------------
// Dockerfile
// ---------------------------------------------------------------------------

function checkDockerfile() {
  const text = readFileSync(DOCKERFILE, 'utf8');
  const strict = {
    deprecatedMaintainer: ValidationSeverity.ERROR,
    directiveCasing: ValidationSeverity.ERROR,
    emptyContinuationLine: ValidationSeverity.ERROR,
    instructionCasing: ValidationSeverity.ERROR,
    instructionCmdMultiple: ValidationSeverity.ERROR,
    instructionEntrypointMultiple: ValidationSeverity.ERROR,
    instructionHealthcheckMultiple: ValidationSeverity.ERROR,
    instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
    instructionWorkdirRelative: ValidationSeverity.ERROR,
  };
  for (const d of validateDockerfile(text, strict))
    problem(DOCKERFILE, `line ${d.range.start.line + 1}`, '', d.message);

  // Instructions with their continuation lines joined, comments dropped.
  const instructions = text
    .replace(/\\\r?\n(\s*#.*\r?\n)*/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const stages = [];
  for (const line of instructions) {
    const [keyword, ...rest] = line.split(/\s+/);
    const instruction = keyword.toUpperCase();
    if (instruction === 'FROM') stages.push([]);
    stages.at(-1)?.push({ instruction, args: rest });
  }
  for (const { instruction, args: words } of stages.flat()) {
    if (instruction !== 'COPY' && instruction !== 'ADD') continue;
    if (words.some((w) => w.startsWith('--from='))) continue;
    const paths = words.filter((w) => !w.startsWith('--'));
    for (const source of paths.slice(0, -1))
      if (!source.includes('*') && !existsSync(join(ROOT, source)))
        problem(DOCKERFILE, instruction, source, 'copies a file that does not exist');
  }
  const final = stages.at(-1) ?? [];
  const user = final.filter((i) => i.instruction === 'USER').at(-1)?.args[0];
  if (!user || !/^[1-9]\d*(:\d+)?$/.test(user))
    problem(DOCKERFILE, 'final stage', 'USER', 'must be a numeric, non-root user');
  if (!final.some((i) => i.instruction === 'HEALTHCHECK'))
    problem(DOCKERFILE, 'final stage', 'HEALTHCHECK', 'missing');
  return { stages: stages.length };
}

// ---------------------------------------------------------------------------

const k8s = await checkKubernetes();
const compose = checkCompose();
const docker = checkDockerfile();

if (problems.length > 0) {
  for (const p of problems)
    process.stderr.write(`✗ ${p.file}: ${p.where}${p.path ? ` ${p.path}` : ''}: ${p.message}\n`);
  process.stderr.write(`deploy:check: ${problems.length} problem(s)\n`);
  process.exit(1);
}
process.stdout.write(
  `deploy:check: OK — ${k8s.objects} Kubernetes objects in ${k8s.files} files, ` +
    `compose with ${compose.services} services, Dockerfile with ${docker.stages} stages\n`,
);
