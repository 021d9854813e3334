// Networks with real commands: the default bridge (addresses, no DNS by
// name), user-defined bridges (DNS by name and alias, isolation from other
// networks), --network none and host, published ports the host side
// dials, and busybox's ip, hostname -i, ping, nslookup, nc, wget, httpd.
import { describe, expect, it } from 'vitest';
import type { Container } from './container.ts';
import { Daemon } from './daemon.ts';
import { sequentialIds } from './ids.ts';
import { logText as text, until } from './testing/harness.ts';

const dec = new TextDecoder();

const WEB = 'mkdir -p /www && echo "hello from $(hostname)" > /www/index.html && exec httpd -f -p 80 -h /www';

async function setup(): Promise<Daemon> {
  return Daemon.create({ newId: sequentialIds('net') });
}

/** Starts a detached web server and waits until it listens. */
async function webServer(d: Daemon, opts: { name: string; network?: string; networkAliases?: string[]; publish?: string[] }): Promise<Container> {
  const c = d.containers.create({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', WEB], ...opts });
  d.containers.start(c);
  await until(() => c.netns?.isListening(80) ?? false, `${opts.name} to listen`);
  return c;
}

async function run(d: Daemon, script: string, opts: { network?: string } = {}): Promise<{ out: string; err: string; code: number }> {
  const { container, exitCode } = await d.run({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', script], ...opts });
  return { out: text(container), err: text(container, 'stderr'), code: exitCode };
}

describe('the default bridge', () => {
  it('gives each container an address on 172.17.0.0/16, in ip, hostname -i and /etc/hosts', async () => {
    const d = await setup();
    const r = await run(d, 'ip addr; ip route; hostname -i; tail -n1 /etc/hosts; cat /etc/resolv.conf | grep nameserver');
    const id = r.out.match(/172\.17\.0\.2\t(\w+)/)![1]!;
    expect(r.out).toBe(`1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
2: eth0@if102: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP 
    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff
    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0
       valid_lft forever preferred_lft forever
default via 172.17.0.1 dev eth0 
172.17.0.0/16 dev eth0 scope link  src 172.17.0.2 
172.17.0.2 
172.17.0.2\t${id}
nameserver 192.168.65.7
`);
    expect(id).toHaveLength(12);
  });

  it('containers reach each other by IP, not by name', async () => {
    const d = await setup();
    const web = await webServer(d, { name: 'web' });
    const ip = web.netns!.primaryAddress();
    expect(ip).toBe('172.17.0.2');
    const byIp = await run(d, `wget -qO- http://${ip}/`);
    expect(byIp).toEqual({ out: `hello from ${web.id.slice(0, 12)}\n`, err: '', code: 0 });
    const byName = await run(d, 'wget -qO- http://web/');
    expect(byName).toEqual({ out: '', err: "wget: bad address 'web'\n", code: 1 });
    const ping = await run(d, `ping -c 2 -i 0.2 ${ip}`);
    expect(ping.out).toBe(`PING ${ip} (${ip}): 56 data bytes\n64 bytes from ${ip}: seq=0 ttl=64 time=0.090 ms\n64 bytes from ${ip}: seq=1 ttl=64 time=0.090 ms\n\n--- ${ip} ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\nround-trip min/avg/max = 0.090/0.090/0.090 ms\n`);
    const nslookup = await run(d, 'nslookup web');
    expect(nslookup).toEqual({ out: ';; connection timed out; no servers could be reached\n\n', err: '', code: 1 });
    d.containers.kill(web);
  });

  it('wget reports refused connections, HTTP errors and existing files like busybox', async () => {
    const d = await setup();
    const web = await webServer(d, { name: 'web' });
    const r = await run(d, 'wget -q http://172.17.0.2:81/; echo $?; wget -q http://172.17.0.2/nope; echo $?; cd /tmp && wget http://172.17.0.2/ && cat index.html && wget -q http://172.17.0.2/');
    expect(r.out).toBe(`1\n1\nhello from ${web.id.slice(0, 12)}\n`);
    expect(r.err).toBe(`wget: can't connect to remote host (172.17.0.2): Connection refused
wget: server returned error: HTTP/1.1 404 Not Found
Connecting to 172.17.0.2:80 (172.17.0.2:80)
saving to 'index.html'
index.html           100% |********************************|    24  0:00:00 ETA
'index.html' saved
wget: can't open 'index.html': File exists
`);
    d.containers.kill(web);
  });
});

describe('user-defined networks', () => {
  it('resolve container names and aliases; other networks cannot reach them', async () => {
    const d = await setup();
    d.networks.create('app');
    d.networks.create('other');
    const web = await webServer(d, { name: 'web', network: 'app', networkAliases: ['site'] });
    expect(web.netns!.primaryAddress()).toBe('172.18.0.2');
    const r = await run(d, 'wget -qO- http://web; wget -qO- http://site; nslookup web; grep nameserver /etc/resolv.conf', { network: 'app' });
    const hello = `hello from ${web.id.slice(0, 12)}\n`;
    expect(r.out).toBe(`${hello}${hello}Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\tweb\nAddress: 172.18.0.2\n\nNon-authoritative answer:\n*** Can't find web: No answer\n\nnameserver 127.0.0.11\n`);
    const isolated = await run(d, 'wget -qO- http://web; wget -qO- http://172.18.0.2; ping -c 1 -W 1 172.18.0.2', { network: 'other' });
    expect(isolated.err).toBe("wget: bad address 'web'\nwget: can't connect to remote host (172.18.0.2): Connection timed out\n");
    expect(isolated.out).toBe('PING 172.18.0.2 (172.18.0.2): 56 data bytes\n\n--- 172.18.0.2 ping statistics ---\n1 packets transmitted, 0 packets received, 100% packet loss\n');
    expect(isolated.code).toBe(1);
    const missing = await run(d, 'nslookup nosuch', { network: 'app' });
    expect(missing).toEqual({ out: "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n** server can't find nosuch: NXDOMAIN\n\n** server can't find nosuch: NXDOMAIN\n\n", err: '', code: 1 });
    expect(() => d.networks.remove(d.networks.mustFind('app'))).toThrow('error while removing network: network app id');
    d.containers.kill(web);
    await web.wait();
    d.networks.remove(d.networks.mustFind('app'));
  });

  it('nc carries data both ways and -e serves a program', async () => {
    const d = await setup();
    d.networks.create('chat');
    const server = d.containers.create({ image: d.images.mustResolve('busybox'), name: 'srv', network: 'chat', cmd: ['nc', '-l', '-p', '1234'] });
    d.containers.start(server);
    await until(() => server.netns?.isListening(1234) ?? false, 'nc to listen');
    const r = await run(d, 'nc srv 9; echo $?; echo hi there | nc srv 1234; nc srv 1234', { network: 'chat' });
    expect(await server.wait()).toBe(0);
    expect(text(server)).toBe('hi there\n');
    // Once it stopped, its name is gone from the network's DNS.
    expect(r.err).toBe("nc: can't connect to remote host (172.18.0.2): Connection refused\nnc: bad address 'srv'\n");
    expect(r).toMatchObject({ out: '1\n', code: 1 });
    const echo = d.containers.create({ image: d.images.mustResolve('busybox'), name: 'upper', network: 'chat', cmd: ['nc', '-lk', '-p', '7', '-e', 'tr', 'a-z', 'A-Z'] });
    d.containers.start(echo);
    await until(() => echo.netns?.isListening(7) ?? false, 'nc -e to listen');
    expect((await run(d, 'echo shout | nc upper 7; echo again | nc upper 7', { network: 'chat' })).out).toBe('SHOUT\nAGAIN\n');
    d.containers.kill(echo);
  });

  it('network connect and disconnect change what a running container reaches', async () => {
    const d = await setup();
    d.networks.create('front');
    d.networks.create('back');
    const db = await webServer(d, { name: 'db', network: 'back' });
    const app = d.containers.create({ image: d.images.mustResolve('busybox'), name: 'app', network: 'front', cmd: ['sleep', '100'] });
    d.containers.start(app);
    const fetch = async (): Promise<string> => {
      const out: string[] = [];
      const ex = app.exec(d.kernel, d.userland, ['sh', '-c', 'wget -qO- http://db/ 2>&1; ip addr | grep -c "inet 172"'], { onStdout: (b) => out.push(dec.decode(b)) });
      await ex.done;
      return out.join('');
    };
    expect(await fetch()).toBe("wget: bad address 'db'\n1\n");
    app.connectNetwork('back', { aliases: ['api'] });
    expect(await fetch()).toBe(`hello from ${db.id.slice(0, 12)}\n2\n`);
    expect(d.networks.mustFind('back').endpoints.get(app.id)?.aliases).toEqual(['api']);
    expect(() => app.connectNetwork('back')).toThrow('endpoint with name app already exists in network back');
    expect(() => app.connectNetwork('host')).toThrow('container cannot be disconnected from host network or connected to host network');
    app.disconnectNetwork('back');
    expect(await fetch()).toBe("wget: bad address 'db'\n1\n");
    expect(() => app.disconnectNetwork('back')).toThrow(`container ${app.id} is not connected to network back`);
    d.containers.kill(app);
    d.containers.kill(db);
  });

  it('refuses what Docker refuses', async () => {
    const d = await setup();
    expect(() => d.networks.create('bridge')).toThrow('network with name bridge already exists');
    expect(() => d.networks.remove(d.networks.mustFind('bridge'))).toThrow('bridge is a pre-defined network and cannot be removed');
    expect(() => d.networks.create('x', { subnet: '172.17.5.0/24' })).toThrow('Pool overlaps with other one on this address space');
    const img = d.images.mustResolve('busybox');
    expect(() => d.containers.create({ image: img, network: 'nosuch' })).toThrow('network nosuch not found');
    expect(() => d.containers.create({ image: img, networkAliases: ['a'] })).toThrow('network-scoped alias is supported only for containers in user defined networks');
    expect(() => d.containers.create({ image: img, publish: ['80:abc'] })).toThrow('invalid containerPort: abc');
  });
});

describe('--network none and host, and published ports', () => {
  it('none has only lo; nothing is reachable', async () => {
    const d = await setup();
    const r = await run(d, 'ip addr | grep -c mtu; ip route; wget -q http://172.17.0.2/; ping -c 1 172.17.0.1', { network: 'none' });
    expect(r.out).toBe('1\nPING 172.17.0.1 (172.17.0.1): 56 data bytes\n');
    expect(r.err).toBe("wget: can't connect to remote host (172.17.0.2): Network is unreachable\nping: sendto: Network is unreachable\n");
  });

  it('-p publishes a container port on the host side; a taken host port fails the start', async () => {
    const d = await setup();
    const web = await webServer(d, { name: 'web', publish: ['8080:80'] });
    expect(web.publishedPorts).toEqual([{ containerPort: 80, hostPort: 8080, hostIp: '0.0.0.0' }]);
    const sock = await d.networks.dial(8080);
    const io = { wait: <T>(p: Promise<T>) => p, charge: () => {}, cgroup: null };
    await sock.write(new TextEncoder().encode('GET / HTTP/1.0\r\n\r\n'), io);
    let response = '';
    for (let c = await sock.read(65536, io); c; c = await sock.read(65536, io)) response += dec.decode(c);
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\nContent-type: text\/html\r\n/);
    expect(response.endsWith(`\r\n\r\nhello from ${web.id.slice(0, 12)}\n`)).toBe(true);
    // Other containers reach it through the gateway too.
    expect((await run(d, 'wget -qO- http://172.17.0.1:8080/')).out).toBe(`hello from ${web.id.slice(0, 12)}\n`);
    const clash = d.containers.create({ image: d.images.mustResolve('busybox'), cmd: ['true'], publish: ['8080:80'] });
    expect(() => d.containers.start(clash)).toThrow('Bind for 0.0.0.0:8080 failed: port is already allocated');
    d.containers.kill(web);
    await web.wait();
    await expect(d.networks.dial(8080)).rejects.toThrow('Connection refused');
  });

  it('host shares the engine namespace: its ports are the host ports', async () => {
    const d = await setup();
    const c = d.containers.create({ image: d.images.mustResolve('busybox'), network: 'host', cmd: ['sh', '-c', WEB.replace('-p 80', '-p 9000')] });
    d.containers.start(c);
    await until(() => d.networks.host.isListening(9000), 'the host-network server');
    expect((await run(d, 'hostname; wget -qO- http://172.17.0.1:9000/')).out).toMatch(/^\w{12}\nhello from docker-desktop\n$/);
    d.containers.kill(c);
  });
});
