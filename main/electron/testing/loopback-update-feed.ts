import { createHash } from 'node:crypto';
import { type ClientRequest, createServer, type RequestOptions, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  configureRequestOptions,
  configureRequestUrl,
  type DownloadOptions,
  HttpExecutor,
} from 'builder-util-runtime';

/**
 * A release feed on 127.0.0.1 for electron-updater's own provider and download code (issue 20's
 * loopback-feed test): `latest-linux.yml` as electron-builder writes it (version, files with url,
 * sha512 and size, path, sha512, releaseDate) and the file it names. `sha512` can be made wrong,
 * and `down` answers every request with 503.
 */
export interface LoopbackFeed {
  url: string;
  /** Requests seen, in order (paths without the query electron-updater adds against caches). */
  requests: string[];
  /** The feed lists this sha512 instead of the file's own (base64, as electron-builder writes it). */
  wrongSha512: boolean;
  down: boolean;
  file: Buffer;
  close(): Promise<void>;
}

export const FEED_FILE_NAME = 'Switchboard-2.0.0.AppImage';
/** owner/repo of the pretend GitHub repository the loopback feed also serves. */
export const GITHUB_REPO = 'switchboard-test/switchboard';

export function sha512Base64(bytes: Buffer): string {
  return createHash('sha512').update(bytes).digest('base64');
}

export async function startLoopbackFeed(version = '2.0.0'): Promise<LoopbackFeed> {
  // Bytes that do not compress or repeat, large enough for several progress events.
  const file = Buffer.alloc(3 * 1024 * 1024);
  for (let i = 0; i < file.length; i += 64) createHash('sha512').update(String(i)).digest().copy(file, i);
  const feed = { requests: [] as string[], wrongSha512: false, down: false, file };
  const server: Server = createServer((req, res) => {
    const fullPath = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    feed.requests.push(fullPath);
    if (feed.down) {
      res.writeHead(503).end('Service Unavailable');
      return;
    }
    // GitHub Releases' layout (electron-updater's GitHubProvider with `host` set: the releases Atom
    // feed, the REST API's latest release, and each asset under releases/download/<tag>/). The Atom
    // entry is written here in the shape GitHub serves (entry > link[href=…/releases/tag/<tag>]); it is
    // not a captured payload.
    if (fullPath === `/${GITHUB_REPO}/releases.atom`) {
      res
        .writeHead(200, { 'content-type': 'application/atom+xml' })
        .end(
          [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-US">',
            `  <id>tag:github.com,2008:https://github.com/${GITHUB_REPO}/releases</id>`,
            `  <title>Release notes from switchboard</title>`,
            '  <entry>',
            `    <id>tag:github.com,2008:Repository/1/v${version}</id>`,
            '    <updated>2026-12-01T10:00:00Z</updated>',
            `    <link rel="alternate" type="text/html" href="https://github.com/${GITHUB_REPO}/releases/tag/v${version}"/>`,
            `    <title>v${version}</title>`,
            '    <content type="html">&lt;p&gt;Fixes.&lt;/p&gt;</content>',
            '  </entry>',
            '</feed>',
            '',
          ].join('\n'),
        );
      return;
    }
    if (fullPath === `/api/v3/repos/${GITHUB_REPO}/releases/latest`) {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ tag_name: `v${version}` }));
      return;
    }
    const githubAsset = `/${GITHUB_REPO}/releases/download/v${version}/`;
    const path = fullPath.startsWith(githubAsset) ? `/${fullPath.slice(githubAsset.length)}` : fullPath;
    if (path === '/latest-linux.yml') {
      const sha512 = feed.wrongSha512 ? sha512Base64(Buffer.from('something else')) : sha512Base64(file);
      res
        .writeHead(200, { 'content-type': 'text/yaml' })
        .end(
          [
            `version: ${version}`,
            'files:',
            `  - url: ${FEED_FILE_NAME}`,
            `    sha512: ${sha512}`,
            `    size: ${file.length}`,
            `path: ${FEED_FILE_NAME}`,
            `sha512: ${sha512}`,
            `releaseDate: '2026-12-01T10:00:00.000Z'`,
            '',
          ].join('\n'),
        );
      return;
    }
    if (path === `/${FEED_FILE_NAME}`) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.length });
      // In chunks, so the download reports progress.
      let offset = 0;
      const next = () => {
        if (offset >= file.length) {
          res.end();
          return;
        }
        const chunk = file.subarray(offset, offset + 256 * 1024);
        offset += chunk.length;
        if (res.write(chunk)) setImmediate(next);
        else res.once('drain', next);
      };
      next();
      return;
    }
    res.writeHead(404).end('Not Found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(feed, {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/**
 * electron-updater's HTTP in Node: builder-util-runtime's executor over `node:http`; in the app it is
 * Electron's `net` (electronHttpExecutor.js), whose `download` this copies: the same request options
 * and builder-util-runtime's `doDownload`, which streams to disk through the sha512 DigestTransform.
 */
export class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: unknown) => void): ClientRequest {
    return request(options, callback);
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error: Error | null) => (error == null ? resolve(destination) : reject(error)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}
