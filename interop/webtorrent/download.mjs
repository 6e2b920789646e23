// Downloads one torrent with WebTorrent (Node) for the Webseed interop tests.
//
// usage: node download.mjs TORRENT_FILE DOWNLOAD_DIR TIMEOUT_SECONDS [DONE_MARKER [ADDRESS]]
//
// DHT, LSD, ut_pex, UPnP, NAT-PMP and uTP are off; WebTorrent has no option for the address its
// peer listener binds to, so net.Server#listen is pinned to 127.0.0.1 below. The torrent's
// url-list (our webseed) and the peers its tracker hands out are the only sources. Exit 0 when every
// piece is verified ('done') and the client is destroyed (files closed); 1 on timeout or error.
// With DONE_MARKER (swarm mode) the client writes DONE_MARKER when done and keeps seeding until
// SIGTERM or the timeout; progress lines carry the bytes received from web seeds and from peers.
// ADDRESS (a 127.0.0.x) replaces 127.0.0.1 for the listener and is the source address of every
// outgoing connection (peers, tracker, web seed), so each client can be its own host.
import fs from 'node:fs'
import net from 'node:net'

const address = process.argv[6] ?? '127.0.0.1'
const listen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
  // listen(port[, cb]) or listen() → listen(port, '127.0.0.1'[, cb]); anything else untouched.
  if (args.length === 0 || typeof args[0] === 'number' || args[0] === undefined) {
    const port = args[0] ?? 0
    const rest = args.slice(1).filter(a => typeof a === 'function')
    return listen.call(this, port, address, ...rest)
  }
  return listen.apply(this, args)
}
if (address !== '127.0.0.1') {
  // connect(port, host[, cb]) or connect(options[, cb]): the source address is ours
  const bound = (connect) => function (...args) {
    if (typeof args[0] === 'object' && args[0] !== null && !args[0].localAddress && !args[0].path) {
      args[0] = { ...args[0], localAddress: address }
    } else if (typeof args[0] === 'number' || /^[0-9]+$/.test(args[0])) {
      const [port, host, ...rest] = args
      const options = { port: Number(port), host: typeof host === 'string' ? host : undefined, localAddress: address }
      args = [options, ...(typeof host === 'function' ? [host] : rest)]
    }
    return connect.apply(this, args)
  }
  net.connect = bound(net.connect)
  net.createConnection = bound(net.createConnection)
}

const [torrentFile, downloadDir, timeoutText, marker] = process.argv.slice(2, 6)
if (!torrentFile || !downloadDir || !timeoutText) {
  console.error('usage: node download.mjs TORRENT_FILE DOWNLOAD_DIR TIMEOUT_SECONDS')
  process.exit(2)
}

const { default: WebTorrent } = await import('webtorrent')
const client = new WebTorrent({
  dht: false,
  lsd: false,
  utPex: false,
  natUpnp: false,
  natPmp: false,
  utp: false,
  webSeeds: true
})
const began = Date.now()
let done = false
const timer = setTimeout(() => finish(done ? 0 : 1, `TIMEOUT after ${timeoutText} s`), Number(timeoutText) * 1000)
process.on('SIGTERM', () => finish(done ? 0 : 1, 'SIGTERM'))
client.on('error', err => finish(1, `client error: ${err.message ?? err}`))

const torrent = client.add(fs.readFileSync(torrentFile), { path: downloadDir })
torrent.on('warning', err => console.log(`warning: ${err.message ?? err}`))
torrent.on('error', err => finish(1, `torrent error: ${err.message ?? err}`))
torrent.on('ready', () => {
  console.log(`webtorrent: ${torrent.name}, ${torrent.length} bytes, ${torrent.pieces.length} pieces, ` +
    `url-list ${JSON.stringify(torrent.urlList)}`)
})
// bytes received by kind of connection (a wire's count is kept after it closes)
const received = new Map()
torrent.on('wire', wire => {
  const kind = wire.type === 'webSeed' ? 'web' : 'peer'
  wire.on('download', n => received.set(kind, (received.get(kind) ?? 0) + n))
})
const sources = () => `from web seed=${received.get('web') ?? 0} from peers=${received.get('peer') ?? 0} ` +
  `uploaded=${torrent.uploaded}`
const progress = setInterval(() => {
  console.log(`progress ${(torrent.progress * 100).toFixed(1)}% down=${Math.round(torrent.downloadSpeed)} B/s ` +
    `wires=${torrent.wires.length} ${sources()}`)
}, 2000)
torrent.on('done', () => {
  done = true
  if (!marker) return finish(0, 'DONE')
  const line = `DONE after ${((Date.now() - began) / 1000).toFixed(1)} s: ${sources()}`
  console.log(line)
  fs.writeFileSync(marker, line + '\n')
})

let finishing = false
function finish (code, message) {
  if (finishing) return
  finishing = true
  clearTimeout(timer)
  clearInterval(progress)
  console.log(`${message}: ${sources()}`)
  client.destroy(err => {
    if (err) console.log(`destroy: ${err.message ?? err}`)
    process.exit(code)
  })
  setTimeout(() => process.exit(code), 5000).unref()
}
