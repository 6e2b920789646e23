# Webseed: BitTorrent webseed (BEP 19) and tracker for the files under webseed.contentRoot.
# Unpack webseed-jetty-base-<version>.zip into $JETTY_BASE, then
#   java -jar $JETTY_HOME/start.jar --add-modules=http,webseed

[description]
Adds a BitTorrent webseed (BEP 19) and tracker for the files under webseed.contentRoot: an ee10
servlet context (webseed.contextPath, default /) with /seed/*, /torrent/*, /announce and /scrape.

[tags]
webseed

[environment]
ee10

[depend]
ee10-servlet
ee10-security

[lib]
lib/webseed/*.jar

[xml]
etc/webseed.xml

[ini-template]
## Webseed settings. Uncomment a line and edit it; a commented or empty value means the
## default. The names without "webseed." are the web.xml context parameters.

## Context path of the webseed context. At / the tracker is at /announce, the path
## libtorrent's SSRF rule wants for loopback and LAN trackers.
# webseed.contextPath=/

## Folder whose files and folders are published as torrents and served as webseed.
## Required.
# webseed.contentRoot=/srv/webseed

## Absolute base URL of this web application as clients reach it, e.g. https://films.example.com/;
## url-list, announce and magnet links are built from it.
## Default: derived from each .torrent request.
# webseed.publicUrl=

## Tracker URL written into torrents; set it when the tracker runs elsewhere.
## Default: publicUrl + announce.
# webseed.announceUrl=

## Folder for persisted piece hashes; never served.
## Default: contentRoot/.webseed.
# webseed.cacheDir=

## Piece length in bytes (a power of two, 16k to 64m), or auto to aim at about 1,500 pieces.
# webseed.pieceLength=auto

## Threads hashing pieces in the background.
## Default: number of cores.
# webseed.hashThreads=

## Hash every top-level file and folder of contentRoot at start-up, so their torrents are ready.
# webseed.prehash=true

## Most torrents waiting to be hashed at once; a .torrent request beyond that is answered 503
## (busy).
# webseed.maxQueuedPublications=10000

## How long a .torrent or magnet request waits for its hashing to finish before it is answered 503
## with Retry-After.
# webseed.torrentWait=1m

## Serve symbolic links whose target lies outside contentRoot.
# webseed.followSymlinks=false

## Set the BEP 27 private flag on every published torrent (no DHT, PEX or LSD).
# webseed.privateTorrents=false

## Most byte ranges one request may ask for after overlapping ranges are merged; more is 416.
# webseed.maxRanges=16

## Longest webseed or torrent path accepted (decoded bytes).
# webseed.maxPathBytes=4096

## Access-Control-Allow-Origin for browser clients (WebTorrent); empty switches CORS off.
# webseed.corsAllowOrigin=*

## How long browsers may cache a CORS preflight answer.
# webseed.corsMaxAge=10m

## Bytes per second for all web seed responses together, e.g. 12MB or 100mbit (decimal units);
## bytes never sent before go first and repeats use what is left, so peers trade the rest.
## Responses are paced, never refused. 0: unlimited.
# webseed.webseedMaxRate=0

## Percent of webseedMaxRate that bytes the origin sent before may use when no first copy waits
## behind them and the tracker shows a swarm that has them; 100 lets repeats use the whole budget
## whenever it is idle.
# webseed.webseedRepeatShare=25

## How long one client must have been the only one pulling from the web seed (no two responses at
## once) before its repeats are not held to webseedRepeatShare, whatever the tracker lists: peers
## that vanish without a 'stopped' announce stay listed for peerTimeout.
# webseed.webseedAloneWindow=5s

## Memory for the record of which 16 KiB blocks of each file the origin already sent (one bit a
## block: 64m covers 8 TiB); beyond it the least recently served file's record is dropped.
# webseed.webseedRecordMaxBytes=64m

## Run the tracker at /announce and /scrape and put it in published torrents.
# webseed.trackerEnabled=true

## Track any info-hash, not only torrents this server publishes.
# webseed.trackerOpen=false

## Announce interval sent to clients (a little jitter is added).
# webseed.announceInterval=30m

## min interval sent to clients.
# webseed.announceMinInterval=5m

## interval sent with a failure reason, so a refused client comes back soon.
# webseed.refusalInterval=1m

## A peer that has not announced for this long is dropped.
# webseed.peerTimeout=45m

## Peers returned when the client does not send numwant.
# webseed.numwantDefault=50

## Most peers returned in one announce, whatever numwant asks.
# webseed.numwantMax=50

## Most swarms the tracker keeps.
# webseed.maxTorrents=100000

## Most peers kept in one swarm.
# webseed.maxPeersPerTorrent=100000

## Most peers of one IPv4 address or IPv6 /64 kept in one swarm; a full swarm drops a crowded
## address's peer for a newcomer.
# webseed.maxPeersPerAddress=32

## Longest announce or scrape query string accepted.
# webseed.maxQueryBytes=4096

## Most info_hash values in one scrape.
# webseed.maxScrapeHashes=64

## Answer a scrape without info_hash with every swarm (BEP 48 leaves it optional).
# webseed.fullScrape=false

## Comma-separated addresses or CIDR networks whose X-Forwarded-For / Forwarded headers are
## believed.
## Default: none.
# webseed.trustedProxies=

## Believe the announce ip= parameter (off: the socket address is used).
# webseed.allowIpParameter=false

## Value sent as the announce 'tracker id' (BEP 3 extension clients echo as trackerid); empty
## sends none.
## Default: none.
# webseed.trackerId=

## PEM file with one or more Ed25519 public keys (-----BEGIN PUBLIC KEY-----) whose tokens are
## accepted; several keys are live at once, chosen by the token's kid.
## Default: none: no Ed25519 tokens accepted.
# webseed.paygatePublicKeys=

## Comma-separated content path prefixes that need a token (e.g. paid/,film.mkv), or * for
## everything.
## Default: none.
# webseed.paygateProtect=

## File with one or more HMAC-SHA256 secrets, one base64 line each (at least 32 bytes), for shops
## that sign with a shared secret instead of Ed25519.
## Default: none: no HMAC tokens accepted.
# webseed.paygateHmacSecretFile=

## Allowance for the shop's and this server's clocks disagreeing, applied to nbf and exp.
# webseed.paygateClockSkew=5m

## File of revoked tokens ('jti <token id>') and buyers ('sub <subject>'), one per line; re-read
## when its modification time changes.
## Default: none.
# webseed.paygateRevocationFile=

## A token used successfully before it expired keeps working this long after exp, so a download in
## progress is not cut mid-film; 0s switches it off.
# webseed.paygateGrace=1h

## Most verified tokens (and byte-budget counters) kept in memory; 0 verifies every request
## afresh.
# webseed.paygateTokenCacheSize=10000

## Most refused tokens (forged, unknown key, malformed) remembered, so a client retrying one costs
## a lookup; 0 checks each afresh.
# webseed.paygateDeniedTokenCacheSize=10000

## Longest token accepted; a longer one is refused unread.
# webseed.paygateMaxTokenBytes=1024

## Bytes of a token's byte budget reserved at a time before they are sent (nothing is sent
## unreserved, over all connections and servers); an aborted response holds at most this.
# webseed.budgetChunkBytes=1048576

## How often the key files (paygatePublicKeys, paygateHmacSecretFile) are checked for changes; a
## changed file is re-read without a restart.
# webseed.paygateKeyReloadInterval=1s

## redis://[user:password@]host:port/db (rediss:// for TLS) of a Redis shared by several servers:
## swarms, byte budgets, grace memory and revocations. Needs the webseed-redis module.
## Default: none: state in this server's memory.
# webseed.redisUrl=

## Prefix of every Redis key, so several deployments can share one Redis.
# webseed.redisKeyPrefix=webseed:

## Longest wait for one Redis command; past it the request is answered as when Redis is down.
# webseed.redisTimeout=500ms

## How old a server's copy of shared state may be: it reads the revocations from Redis this often
## (in force everywhere within this plus redisTimeout), and a byte budget its own reservation left
## room in is taken to have room this long (the reservation itself always asks Redis).
# webseed.redisPollInterval=1s

## Comma-separated addresses or CIDR networks that may read /stats, /metrics and /status (behind
## trustedProxies the forwarded client address counts); others get 403. / and /health are public.
# webseed.statsAllow=127.0.0.0/8,::1

## Most publications in one /stats answer and with their own series in /metrics: the busiest by
## bytes; bounds the work per call and the label cardinality.
# webseed.statsTopPublications=100

## The recent window of the offload ratio and of the byte rates in /stats and /metrics.
# webseed.statsWindow=1m

## Most peers whose last announced downloaded value is remembered to count the swarm's bytes.
# webseed.statsMaxPeers=100000

## List paygated publications on the landing page / too (their links still need a token).
# webseed.landingListPaid=false

## Publications per page of the landing page /.
# webseed.landingPageSize=100
