/**
 * Hand-written in-memory fakes of the VM ports for unit tests of the `vm` use cases (STYLE.md §12): a
 * hypervisor whose guest obeys or ignores a shutdown after a number of polls, a WebORCA that answers after
 * a number of pings, a clock that only moves when the use case sleeps.
 */
import type {
  GuestShell,
  Hypervisor,
  PortForward,
  VmDatabase,
  VmObservation,
  VmPower,
  WebOrcaCheck,
  WebOrcaVersions,
} from '../../src/core/hypervisor.js';
import { UnreachableError } from '../../src/core/errors.js';

/** A clock that advances only through `sleep`, so polling costs no real time. */
export class FakeTime {
  now = new Date('2026-08-01T09:00:00Z');
  readonly sleeps: number[] = [];
  readonly clock = { now: () => new Date(this.now) };
  readonly sleeper = {
    sleep: async (ms: number): Promise<void> => {
      this.sleeps.push(ms);
      this.now = new Date(this.now.getTime() + ms);
    },
  };
}

export class FakeHypervisor implements Hypervisor {
  readonly provider = 'virtualbox' as const;
  readonly vmName = 'orca-vm';
  readonly calls: string[] = [];
  power: VmPower | 'missing' = 'off';
  /** Observations until a requested shutdown completes; `null`: the guest ignores it. */
  shutdownAfterPolls: number | null = 1;
  snapshotList = ['clean'];
  forwards: PortForward[] | null = [
    { name: 'pg', protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 15432, guestIp: '', guestPort: 5432 },
    { name: 'orca', protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 18000, guestIp: '', guestPort: 8000 },
  ];
  startError: Error | null = null;
  private shutdownPolls: number | null = null;

  async observe(): Promise<VmObservation> {
    this.calls.push('observe');
    if (this.shutdownPolls !== null && this.shutdownAfterPolls !== null) {
      this.shutdownPolls += 1;
      if (this.shutdownPolls > this.shutdownAfterPolls) {
        this.power = 'off';
        this.shutdownPolls = null;
      }
    }
    if (this.power === 'missing') return { kind: 'missing', maybeNotElevated: false };
    return { kind: 'found', power: this.power, detail: this.power, snapshot: 'clean' };
  }

  async start() {
    this.calls.push('start');
    if (this.startError) throw this.startError;
    if (this.power === 'running') return { kind: 'alreadyRunning' as const };
    this.power = 'running';
    return { kind: 'started' as const };
  }

  async requestShutdown() {
    this.calls.push('requestShutdown');
    if (this.power !== 'running') return { kind: 'notRunning' as const };
    this.shutdownPolls = 0;
    return { kind: 'requested' as const };
  }

  async powerOff() {
    this.calls.push('powerOff');
    if (this.power !== 'running') return { kind: 'notRunning' as const };
    this.power = 'off';
    this.shutdownPolls = null;
    return { kind: 'poweredOff' as const };
  }

  async snapshots() {
    this.calls.push('snapshots');
    return this.snapshotList;
  }

  async restoreSnapshot(name: string) {
    this.calls.push(`restoreSnapshot ${name}`);
    return this.snapshotList.includes(name) ? { kind: 'restored' as const } : { kind: 'snapshotMissing' as const };
  }

  async portForwards() {
    this.calls.push('portForwards');
    return this.forwards;
  }
}

/** WebORCA that answers once the VM runs and `failPings` pings have failed; `never` keeps it silent. */
export class FakeWebOrca implements WebOrcaCheck {
  pings = 0;
  failPings = 1;
  never = false;
  versionsAnswer: WebOrcaVersions = {
    jmaReceiptVersion: '050200-1',
    database: { local: 'S-050200-1-20260701-1', latest: 'S-050200-1-20260701-1' },
    masters: [{ name: '点数マスタ', local: 'R-1', latest: 'R-1' }],
    programs: [{ date: '2026-07-01', state: '済', comment: '提供されている最新の状態でした。' }],
  };

  constructor(private readonly vm: FakeHypervisor) {}

  async ping(): Promise<void> {
    this.pings += 1;
    if (this.never || this.vm.power !== 'running' || this.pings <= this.failPings) {
      throw new UnreachableError({ key: 'http.refused', params: { env: 'localEmergency' } });
    }
  }

  async versions(): Promise<WebOrcaVersions> {
    return this.versionsAnswer;
  }
}

export class FakeVmDatabase implements VmDatabase {
  rows = 0;
  unreachable = false;
  readonly asked: Array<Date | null> = [];
  readonly dumps: string[] = [];

  constructor(private readonly vm: FakeHypervisor) {}

  async entriesSince(since: Date | null) {
    this.asked.push(since);
    if (this.unreachable || this.vm.power !== 'running') {
      throw new UnreachableError({ key: 'postgres.refused', params: { env: 'localEmergency' } });
    }
    return { rows: this.rows, tables: this.rows > 0 ? ['tbl_jyurrk'] : [] };
  }

  async takeSafetyDump() {
    const id = `localEmergency-safety-${this.dumps.length + 1}`;
    this.dumps.push(id);
    return id;
  }

  /** Databases earlier restores kept without a dump. */
  kept: string[] = [];

  async keptWithoutDump() {
    return this.kept;
  }

  async dumpKept(name: string) {
    const id = `dump-of-${name}`;
    this.dumps.push(id);
    return id;
  }
}

export class FakeGuest implements GuestShell {
  readonly describe = 'fake';
  readonly ran: string[][] = [];
  failAt: number | null = null;

  async run(argv: readonly string[]) {
    this.ran.push([...argv]);
    const failed = this.failAt === this.ran.length;
    return { exitCode: failed ? 2 : 0, outputTail: failed ? ['weborca-install: failed'] : [] };
  }
}
