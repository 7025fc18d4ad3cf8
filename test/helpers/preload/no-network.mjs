// Loaded with `node --import`, in the CLI's main thread and in every worker thread it starts:
// any use of the network (sockets, DNS, HTTP, TLS, UDP, fetch) is reported on stderr and
// throws, so a test can prove that airlock never tries.
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import { isMainThread } from 'node:worker_threads';

const deny = (what) =>
  function denied() {
    process.stderr.write(`airlock-test: network use: ${what}\n`);
    throw new Error(`airlock-test: network use is forbidden here (${what})`);
  };

net.connect = net.createConnection = deny('net.connect');
net.Socket.prototype.connect = deny('net.Socket#connect');
tls.connect = deny('tls.connect');
http.request = http.get = deny('http.request');
https.request = https.get = deny('https.request');
dgram.createSocket = deny('dgram.createSocket');
for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveSrv', 'resolveTxt', 'reverse']) {
  dns[name] = deny(`dns.${name}`);
  dns.promises[name] = deny(`dns.promises.${name}`);
}
globalThis.fetch = deny('fetch');
globalThis.WebSocket = deny('WebSocket');
syncBuiltinESMExports();

process.stderr.write(`airlock-test: network guard on ${isMainThread ? 'the main thread' : 'a worker thread'}\n`);
