// A real Parc park for the browser tests: parc-server (TLS) on a temporary data
// directory prepared with `parc-server admin`, and parc-agent runs on the fixture
// roots (tests/fixtures/roots/*).

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// Two classrooms; the desktop (its disk is failing) reports only when asked.
const kMachines = [
  { root: 'laptop', room: 'Salle 12' },
  { root: 'desktop', room: 'Salle 12' },
  { root: 'server', room: 'Salle informatique' },
  { root: 'vm', room: 'Salle informatique' },
];

export class ParcPark {
  constructor({ buildDir, sourceDir, workDir }) {
    this.server = path.join(buildDir, 'server', 'parc-server');
    this.agent = path.join(buildDir, 'agent', 'parc-agent');
    this.roots = path.join(sourceDir, 'tests', 'fixtures', 'roots');
    this.workDir = workDir;
    this.dataDir = path.join(workDir, 'server');
    this.email = 'technicienne@college-exemple.fr';
    this.devices = [];
    this.rooms = new Map();  // device id → room
  }

  admin(...args) {
    return execFileSync(this.server, ['admin', '--data-dir', this.dataDir, ...args], { encoding: 'utf8' }).trim();
  }

  agentCommand(machine, command, extra = []) {
    const args = [command, '--state-dir', path.join(this.workDir, `agent-${machine}`), '--config', '/dev/null',
      '--root', path.join(this.roots, machine), ...extra];
    return execFileSync(this.agent, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  async start() {
    fs.mkdirSync(this.dataDir, { recursive: true });
    this.collectivity = this.admin('collectivity', 'add', "Département de l'Exemple");
    this.site = this.admin('site', 'add', '--collectivity', this.collectivity, '--zone', 'B', 'Collège Jean Moulin');
    this.password = this.admin('user', 'add', '--collectivity', this.collectivity, '--role', 'technician', this.email)
      .split('\n').pop().trim();
    this.apiToken = this.admin('api-token', 'create', '--collectivity', this.collectivity, '--label', 'e2e');
    await this.serve();
    const fingerprint = this.admin('ca-fingerprint');
    this.ca = fs.readFileSync(path.join(this.dataDir, 'ca.pem'));
    for (const machine of kMachines) {
      const token = this.admin('token', 'create', '--site', this.site, '--room', machine.room, '--uses', '1');
      this.agentCommand(machine.root, 'enroll', ['--server', this.url, '--token', token, '--ca-fingerprint', fingerprint]);
      if (machine.root !== 'desktop') this.agentCommand(machine.root, 'once');
    }
    await this.refresh();
  }

  async serve() {
    const portFile = path.join(this.workDir, 'port');
    this.log = fs.openSync(path.join(this.workDir, 'server.log'), 'w');
    this.process = spawn(this.server, ['serve', '--data-dir', this.dataDir, '--listen', '127.0.0.1:0',
      '--port-file', portFile, '--threads', '2'], { stdio: ['ignore', this.log, this.log] });
    for (let i = 0; i < 200 && !fs.existsSync(portFile); i += 1) await sleep(50);
    if (!fs.existsSync(portFile)) throw new Error(`parc-server did not start: see ${this.workDir}/server.log`);
    this.port = Number(fs.readFileSync(portFile, 'utf8').trim());
    this.url = `https://127.0.0.1:${this.port}`;
  }

  async stop() {
    if (!this.process || this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    this.process.kill('SIGTERM');
    await Promise.race([exited, sleep(10000)]);
  }

  // The desktop's first report: its failing disk opens an alert.
  async reportFailingDisk() {
    this.agentCommand('desktop', 'once');
    await this.refresh();
  }

  async refresh() {
    const answer = await this.apiGet('/api/v1/devices?limit=500');
    this.devices = answer.devices;
    for (const device of this.devices) this.rooms.set(device.id, device.room);
    const identity = JSON.parse(fs.readFileSync(path.join(this.workDir, 'agent-desktop', 'identity.json'), 'utf8'));
    this.desktop = this.devices.find((d) => d.id === identity.device_id) || this.devices.find((d) => d.kind === 'desktop');
  }

  roomOf(device) { return this.rooms.get(device.id); }

  // GET with the API token, trusting only this server's CA.
  apiGet(pathAndQuery) {
    return new Promise((resolve, reject) => {
      const request = https.get(`${this.url}${pathAndQuery}`, {
        ca: this.ca, headers: { Authorization: `Bearer ${this.apiToken}` },
      }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => { body += chunk; });
        response.on('end', () => {
          if (response.statusCode !== 200) return reject(new Error(`${pathAndQuery}: ${response.statusCode} ${body}`));
          try { resolve(JSON.parse(body)); } catch (e) { reject(e); }
        });
      });
      request.on('error', reject);
    });
  }
}
