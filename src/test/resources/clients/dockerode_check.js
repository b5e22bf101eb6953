// Drives dockerode (the Docker SDK for Node.js) against an image-catalog server.
//
// Usage: node dockerode_check.js HOST PORT SINCE
//
// Runs a fixed set of calls and prints ONE JSON object, {"dockerode": version, "operations": {NAME:
// {"ok": true, "value": ...} or {"ok": false, "error": {"status": ..., "message": ...}}}}, for
// DockerodeClientTest to assert on. Every call reports its own failure; exit status 0 whenever the
// JSON was printed.
const Docker = require('dockerode');

async function run(action) {
  try {
    return { ok: true, value: await action() };
  } catch (e) {
    return { ok: false, error: { status: e.statusCode ?? null, message: String(e.message), reason: e.reason ?? null,
      json: e.json ?? null } };
  }
}

function readAll(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

async function main() {
  const [host, port, since] = process.argv.slice(2);
  const docker = new Docker({ host, port: Number(port), protocol: 'http' });
  const operations = {};
  operations.images = await run(async () => (await docker.listImages()).map((image) => image.Id));
  operations.containers = await run(() => docker.listContainers({ all: true }));
  operations.volumes = await run(async () => (await docker.listVolumes()).Volumes);
  operations.networks = await run(async () => (await docker.listNetworks()).map((network) => network.Name).sort());
  operations.events = await run(async () => {
    const stream = await docker.getEvents({ since: Number(since), until: Math.floor(Date.now() / 1000) + 1,
      filters: { type: ['image'] } });
    return (await readAll(stream)).split('\n').filter((line) => line).map((line) => JSON.parse(line));
  });
  operations.remove = await run(() => docker.getImage('app:1').remove());
  operations.tag = await run(() => docker.getImage('app:1').tag({ repo: 'mine', tag: '1' }));
  operations.create = await run(() => docker.createContainer({ Image: 'app:1' }));
  const version = require('dockerode/package.json').version;
  process.stdout.write(JSON.stringify({ dockerode: version, operations }) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack) + '\n');
  process.exit(1);
});
