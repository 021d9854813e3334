// System routes: /_ping (with the API-Version header clients negotiate
// from), /version and /info as Docker Engine 28 answers them.
import { API_VERSION, ENGINE_VERSION, MIN_API_VERSION } from '../../api/types.ts';
import { KERNEL, ONLINE_CPUS, type Daemon } from '../../daemon/daemon.ts';
import type { Router } from '../router.ts';

const PING_HEADERS = {
  'API-Version': API_VERSION, 'Builder-Version': '1', 'Docker-Experimental': 'false', 'Ostype': 'linux',
  'Cache-Control': 'no-cache, no-store, must-revalidate', 'Pragma': 'no-cache', 'Content-Type': 'text/plain; charset=utf-8',
};

export function systemRoutes(r: Router, d: Daemon): void {
  r.add('GET', '/_ping', () => ({ status: 200, headers: PING_HEADERS, body: 'OK' }));
  r.add('HEAD', '/_ping', () => ({ status: 200, headers: PING_HEADERS, body: '' }));

  r.add('GET', '/version', () => ({
    status: 200,
    json: {
      Platform: { Name: 'Docker Engine - Community' },
      Components: [{
        Name: 'Engine', Version: ENGINE_VERSION,
        Details: { ApiVersion: API_VERSION, Arch: 'amd64', BuildTime: '2025-05-30T12:07:26.000000000+00:00', Experimental: 'false', GitCommit: '45873be', GoVersion: 'go1.24.3', KernelVersion: KERNEL.release, MinAPIVersion: MIN_API_VERSION, Os: 'linux' },
      }],
      Version: ENGINE_VERSION, ApiVersion: API_VERSION, MinAPIVersion: MIN_API_VERSION, GitCommit: '45873be', GoVersion: 'go1.24.3',
      Os: 'linux', Arch: 'amd64', KernelVersion: KERNEL.release, BuildTime: '2025-05-30T12:07:26.000000000+00:00',
    },
  }));

  r.add('GET', '/info', () => {
    const containers = d.containers.list();
    const running = containers.filter((c) => c.state.Running && !c.state.Paused).length;
    const paused = containers.filter((c) => c.state.Paused).length;
    return {
      status: 200,
      json: {
        ID: 'PLAY:GROU:NDEN:GINE:0000:0000:0000:0000:0000:0000:0000:0001',
        Containers: containers.length, ContainersRunning: running, ContainersPaused: paused, ContainersStopped: containers.length - running - paused,
        Images: d.images.list().length, Driver: 'overlay2', DriverStatus: [['Backing Filesystem', 'memory']],
        Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'null'], Authorization: null, Log: ['json-file'] },
        MemoryLimit: true, SwapLimit: false, CpuCfsPeriod: true, CpuCfsQuota: true, CPUShares: true, CPUSet: false, PidsLimit: true,
        IPv4Forwarding: true, Debug: false, NFd: 0, OomKillDisable: false, NGoroutines: 0, SystemTime: new Date().toISOString(),
        LoggingDriver: 'json-file', CgroupDriver: 'cgroupfs', CgroupVersion: '2', NEventsListener: 0,
        KernelVersion: KERNEL.release, OperatingSystem: 'Docker Playground (in-browser engine)', OSVersion: '', OSType: 'linux',
        Architecture: KERNEL.machine, IndexServerAddress: 'https://index.docker.io/v1/', RegistryConfig: { IndexConfigs: {}, InsecureRegistryCIDRs: [], Mirrors: [] },
        NCPU: ONLINE_CPUS, MemTotal: d.kernel.rootCgroup.limits.memoryMax ?? 0, DockerRootDir: '/var/lib/docker', Name: 'docker-desktop',
        Labels: [], ExperimentalBuild: false, ServerVersion: ENGINE_VERSION, Runtimes: { runc: { path: 'runc' } }, DefaultRuntime: 'runc',
        Swarm: { NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null },
        LiveRestoreEnabled: false, Isolation: '', InitBinary: 'docker-init', SecurityOptions: ['name=cgroupns'], Warnings: null,
      },
    };
  });
}
