import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * GraphiQL 3 and React 18 ship UMD builds that run without a bundler. They
 * are served from node_modules by the gateway itself: county intranets have
 * no internet, so nothing may come from a CDN.
 */
interface Asset {
  file: string;
  type: string;
}

function fromPackage(pkg: string, relative: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), relative);
}

export const GRAPHIQL_ASSETS: Readonly<Record<string, Asset>> = {
  'react.production.min.js': {
    file: fromPackage('react', 'umd/react.production.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'react-dom.production.min.js': {
    file: fromPackage('react-dom', 'umd/react-dom.production.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'graphiql.min.js': {
    file: fromPackage('graphiql', 'graphiql.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'graphiql.min.css': {
    file: fromPackage('graphiql', 'graphiql.min.css'),
    type: 'text/css; charset=utf-8',
  },
};

export function openAsset(name: string): { stream: NodeJS.ReadableStream; type: string } | null {
  const asset = Object.prototype.hasOwnProperty.call(GRAPHIQL_ASSETS, name)
    ? GRAPHIQL_ASSETS[name]
    : undefined;
  return asset ? { stream: createReadStream(asset.file), type: asset.type } : null;
}
