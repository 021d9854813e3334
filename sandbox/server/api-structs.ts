// The Go structs dockerd (Docker 28, moby's api/types) decodes request
// bodies into, as shapes for go-json.ts: their Go type names and field
// types are what its error messages print ("Go struct field
// HostConfig.HostConfig.Resources.Memory of type int64"). Each body route
// reads its body through one of these (router.ts jsonBody), so a handler
// gets the fields Docker has, typed as Docker types them.
import { embed, goArray, goBool, goInt, goMap, goPtr, goSlice, goString, goStruct, strSlice, type GoValue } from './go-json.ts';

const str = goString();
const bool = goBool();
const int = goInt('int');
const int64 = goInt('int64');
const strings = goSlice(str);
const stringMap = goMap(str);
const duration = goInt('int64', 'time.Duration');
const consoleSize = goArray(2, goInt('uint'));

// api/types/container: Config and its health check.
export const HealthConfig = goStruct('container.HealthConfig', {
  Test: strings, Interval: duration, Timeout: duration, StartPeriod: duration, StartInterval: duration, Retries: int,
});
const portSet = goMap(goStruct('struct {}', {}), 'nat.PortSet');
export const Config = goStruct('container.Config', {
  Hostname: str, Domainname: str, User: str, AttachStdin: bool, AttachStdout: bool, AttachStderr: bool,
  ExposedPorts: portSet, Tty: bool, OpenStdin: bool, StdinOnce: bool, Env: strings, Cmd: strSlice,
  Healthcheck: goPtr(HealthConfig), ArgsEscaped: bool, Image: str, Volumes: goMap(goStruct('struct {}', {})),
  WorkingDir: str, Entrypoint: strSlice, NetworkDisabled: bool, MacAddress: str, OnBuild: strings,
  Labels: stringMap, StopSignal: str, StopTimeout: goPtr(int), Shell: strSlice,
});

// api/types/container: Resources (the cgroup limits) and HostConfig.
const throttleDevice = goPtr(goStruct('blkiodev.ThrottleDevice', { Path: str, Rate: goInt('uint64') }));
export const Resources = goStruct('container.Resources', {
  CpuShares: int64, Memory: int64, NanoCpus: int64, CgroupParent: str, BlkioWeight: goInt('uint16'),
  BlkioWeightDevice: goSlice(goPtr(goStruct('blkiodev.WeightDevice', { Path: str, Weight: goInt('uint16') }))),
  BlkioDeviceReadBps: goSlice(throttleDevice), BlkioDeviceWriteBps: goSlice(throttleDevice),
  BlkioDeviceReadIOps: goSlice(throttleDevice), BlkioDeviceWriteIOps: goSlice(throttleDevice),
  CpuPeriod: int64, CpuQuota: int64, CpuRealtimePeriod: int64, CpuRealtimeRuntime: int64, CpusetCpus: str, CpusetMems: str,
  Devices: goSlice(goStruct('container.DeviceMapping', { PathOnHost: str, PathInContainer: str, CgroupPermissions: str })),
  DeviceCgroupRules: strings,
  DeviceRequests: goSlice(goStruct('container.DeviceRequest', { Driver: str, Count: int, DeviceIDs: strings, Capabilities: goSlice(strings), Options: stringMap })),
  KernelMemory: int64, KernelMemoryTCP: int64, MemoryReservation: int64, MemorySwap: int64,
  MemorySwappiness: goPtr(int64), OomKillDisable: goPtr(bool), PidsLimit: goPtr(int64),
  Ulimits: goSlice(goPtr(goStruct('units.Ulimit', { Name: str, Hard: int64, Soft: int64 }))),
  CpuCount: int64, CpuPercent: int64, IOMaximumIOps: goInt('uint64'), IOMaximumBandwidth: goInt('uint64'),
});
export const RestartPolicy = goStruct('container.RestartPolicy', { Name: goString('container.RestartPolicyMode'), MaximumRetryCount: int });
const portBinding = goStruct('nat.PortBinding', { HostIp: str, HostPort: str });
export const Mount = goStruct('mount.Mount', {
  Type: goString('mount.Type'), Source: str, Target: str, ReadOnly: bool, Consistency: goString('mount.Consistency'),
  BindOptions: goPtr(goStruct('mount.BindOptions', {
    Propagation: goString('mount.Propagation'), NonRecursive: bool, CreateMountpoint: bool, ReadOnlyNonRecursive: bool, ReadOnlyForceRecursive: bool,
  })),
  VolumeOptions: goPtr(goStruct('mount.VolumeOptions', {
    NoCopy: bool, Labels: stringMap, Subpath: str, DriverConfig: goPtr(goStruct('mount.Driver', { Name: str, Options: stringMap })),
  })),
  ImageOptions: goPtr(goStruct('mount.ImageOptions', { Subpath: str })),
  TmpfsOptions: goPtr(goStruct('mount.TmpfsOptions', { SizeBytes: int64, Mode: goInt('uint32', 'fs.FileMode'), Options: goSlice(strings) })),
});
export const HostConfig = goStruct('container.HostConfig', {
  ...embed('Resources', Resources),
  Binds: strings, ContainerIDFile: str, LogConfig: goStruct('container.LogConfig', { Type: str, Config: stringMap }),
  NetworkMode: goString('container.NetworkMode'), PortBindings: goMap(goSlice(portBinding), 'nat.PortMap'),
  RestartPolicy, AutoRemove: bool, VolumeDriver: str, VolumesFrom: strings, ConsoleSize: consoleSize, Annotations: stringMap,
  CapAdd: strSlice, CapDrop: strSlice, CgroupnsMode: goString('container.CgroupnsMode'),
  Dns: strings, DnsOptions: strings, DnsSearch: strings, ExtraHosts: strings, GroupAdd: strings,
  IpcMode: goString('container.IpcMode'), Cgroup: goString('container.CgroupSpec'), Links: strings, OomScoreAdj: int,
  PidMode: goString('container.PidMode'), Privileged: bool, PublishAllPorts: bool, ReadonlyRootfs: bool, SecurityOpt: strings,
  StorageOpt: stringMap, Tmpfs: stringMap, UTSMode: goString('container.UTSMode'), UsernsMode: goString('container.UsernsMode'),
  ShmSize: int64, Sysctls: stringMap, Runtime: str, Isolation: goString('container.Isolation'),
  Mounts: goSlice(Mount), MaskedPaths: strings, ReadonlyPaths: strings, Init: goPtr(bool),
});

// api/types/network: what a container's endpoint on a network asks for.
export const EndpointSettings = goStruct('network.EndpointSettings', {
  IPAMConfig: goPtr(goStruct('network.EndpointIPAMConfig', { IPv4Address: str, IPv6Address: str, LinkLocalIPs: strings })),
  Links: strings, Aliases: strings, DriverOpts: stringMap, GwPriority: int, MacAddress: str,
  NetworkID: str, EndpointID: str, Gateway: str, IPAddress: str, IPPrefixLen: int,
  IPv6Gateway: str, GlobalIPv6Address: str, GlobalIPv6PrefixLen: int, DNSNames: strings,
});
const NetworkingConfig = goStruct('network.NetworkingConfig', { EndpointsConfig: goMap(goPtr(EndpointSettings)) });

/** POST /containers/create (and /commit's config): container.CreateRequest, which embeds *Config. */
export const CreateRequest = goStruct('container.CreateRequest', {
  ...embed('Config', Config), HostConfig: goPtr(HostConfig), NetworkingConfig: goPtr(NetworkingConfig),
});
/** POST /containers/{id}/update. */
export const UpdateConfig = goStruct('container.UpdateConfig', { ...embed('Resources', Resources), RestartPolicy });
/** POST /containers/{id}/exec. */
export const ExecOptions = goStruct('container.ExecOptions', {
  User: str, Privileged: bool, Tty: bool, ConsoleSize: goPtr(consoleSize), AttachStdin: bool, AttachStderr: bool, AttachStdout: bool,
  Detach: bool, DetachKeys: str, Env: strings, WorkingDir: str, Cmd: strings,
});
/** POST /exec/{id}/start. */
export const ExecStartOptions = goStruct('container.ExecStartOptions', { Detach: bool, Tty: bool, ConsoleSize: goPtr(consoleSize) });

/** POST /networks/create: network.CreateRequest, which embeds CreateOptions. */
const NetworkCreateOptions = goStruct('network.CreateOptions', {
  Driver: str, Scope: str, EnableIPv4: goPtr(bool), EnableIPv6: goPtr(bool),
  IPAM: goPtr(goStruct('network.IPAM', {
    Driver: str, Options: stringMap,
    Config: goSlice(goStruct('network.IPAMConfig', { Subnet: str, IPRange: str, Gateway: str, AuxiliaryAddresses: stringMap })),
  })),
  Internal: bool, Attachable: bool, Ingress: bool, ConfigOnly: bool, ConfigFrom: goPtr(goStruct('network.ConfigReference', { Network: str })),
  Options: stringMap, Labels: stringMap,
});
export const NetworkCreateRequest = goStruct('network.CreateRequest', { ...embed('CreateOptions', NetworkCreateOptions), Name: str, CheckDuplicate: goPtr(bool) });
/** POST /networks/{id}/connect. */
export const NetworkConnectOptions = goStruct('network.ConnectOptions', { Container: str, EndpointConfig: goPtr(EndpointSettings) });
/** POST /networks/{id}/disconnect. */
export const NetworkDisconnectOptions = goStruct('network.DisconnectOptions', { Container: str, Force: bool });
/** POST /volumes/create (ClusterVolumeSpec, for swarm, is not read). */
export const VolumeCreateOptions = goStruct('volume.CreateOptions', { Driver: str, DriverOpts: stringMap, Labels: stringMap, Name: str });

/** POST /build's query parameters that hold JSON (json.Unmarshal into a map or slice). */
export const BuildArgs = goMap(goPtr(str));
export const BuildLabels = stringMap;
export const BuildCacheFrom = strings;
export const BuildUlimits = goSlice(goPtr(goStruct('units.Ulimit', { Name: str, Hard: int64, Soft: int64 })));

export type CreateRequestBody = GoValue<typeof CreateRequest>;
export type HostConfigBody = GoValue<typeof HostConfig>;
export type HealthConfigBody = GoValue<typeof HealthConfig>;
export type ResourcesBody = GoValue<typeof Resources>;
export type RestartPolicyBody = GoValue<typeof RestartPolicy>;
