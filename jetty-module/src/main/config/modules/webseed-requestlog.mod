# Webseed: Jetty's request log with paygate tokens masked.

[description]
Jetty's requestlog module with a format that never writes a paygate token: the request target is
the one Webseed puts in the request attribute dev.webseed.logTarget, with /seed/t/{token}/,
/torrent/t/{token}/ and ?token= masked as ***. A request Jetty refuses before the webseed context
runs is logged with - as its target. Enable this module instead of plain requestlog (whose "%r"
writes tokens). Same line format as the embedded server's --access-log.

[tags]
webseed
requestlog

[depend]
requestlog
webseed

[ini]
jetty.requestlog.formatString=%{client}a - %u %t "%m %{dev.webseed.logTarget}attr %H" %s %O
