// One autocannon run whose requests walk a list of paths (each used once), for writes that consume
// their target (a submission uses up its draft). Same JSON on stdout as `autocannon --json`.
// Usage: node --import tsx bench/load.ts <config.json>  — { url, connections, duration, method, headers, body, paths }
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

interface Config {
  url: string;
  connections: number;
  duration: number;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  paths: string[];
}

const cfg = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Config;
let next = 0;
const result = await autocannon({
  url: cfg.url,
  connections: cfg.connections,
  duration: cfg.duration,
  requests: [
    {
      method: cfg.method,
      headers: cfg.headers,
      body: cfg.body,
      // Past the end of the list the paths repeat: the server answers 404 and the run counts errors.
      setupRequest: (req) => ({ ...req, path: cfg.paths[next++ % cfg.paths.length]! }),
    },
  ],
});
process.stdout.write(JSON.stringify(result));
