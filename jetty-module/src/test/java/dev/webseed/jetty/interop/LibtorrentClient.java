package dev.webseed.jetty.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.webseed.testing.Interop;

/**
 * libtorrent 2.0 through {@code interop/libtorrent/download.py} and the system Python
 * ({@code /usr/bin/python3}: the Debian package python3-libtorrent is not visible to other
 * Pythons on the PATH). ssrf_mitigation stays on, so our loopback URLs must satisfy it.
 */
final class LibtorrentClient implements TorrentClient {
    static final String PYTHON = "/usr/bin/python3";
    private Path python;

    @Override
    public String name() {
        return "libtorrent";
    }

    @Override
    public void require() {
        python = Interop.require(PYTHON, "apt-get install python3");
        try {
            Process check = new ProcessBuilder(python.toString(), "-c", "import libtorrent")
                    .redirectErrorStream(true).start();
            if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
                check.destroyForcibly();
                Interop.missing("python3-libtorrent for " + PYTHON + " (apt-get install python3-libtorrent)");
            }
        } catch (java.io.IOException e) {
            Interop.missing("python3-libtorrent (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private DriverScript driver() {
        return new DriverScript(name(), python, TorrentClient.interopDir().resolve("libtorrent/download.py"));
    }

    @Override
    public void download(Path torrentFile, Path downloadDir, Path workDir, Duration timeout) throws Exception {
        driver().download(torrentFile, downloadDir, workDir, timeout);
    }

    @Override
    public SwarmMember join(Path torrentFile, Path downloadDir, Path workDir, String address, Duration timeout)
            throws Exception {
        return driver().join(torrentFile, downloadDir, workDir, address, timeout);
    }
}
