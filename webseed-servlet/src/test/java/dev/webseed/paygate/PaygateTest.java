package dev.webseed.paygate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.webseed.http.Route;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.tracker.SwarmAccess;
import dev.webseed.tracker.SwarmGate;

/**
 * The one face of the paygate, as the webseed ({@code forBytes}), the torrent endpoint
 * ({@code forPeers}) and the tracker ({@code swarmGate}) see it: {@code paid/} is protected, the
 * publications are a table this test controls.
 */
final class PaygateTest {
    final Fixture f = new Fixture();
    /** Paths by info-hash, and how often the tracker's gate asked. */
    final Map<InfoHash, List<String>> paths = Map.of(Fixture.FILM, List.of("paid/film.mkv"),
            Fixture.OTHER, List.of("free/trailer.mkv"));
    final List<InfoHash> asked = new ArrayList<>();
    final HashIndex index = new HashIndex() {
        @Override
        public Set<InfoHash> hashesCovering(String relativePath) {
            return relativePath.equals("paid/film.mkv") ? Set.of(Fixture.FILM) : Set.of();
        }

        @Override
        public List<String> pathsOf(InfoHash hash) {
            asked.add(hash);
            return paths.getOrDefault(hash, List.of());
        }
    };
    final Paygate paygate = new Paygate(ProtectedPaths.of(List.of("paid/")), f.verifier(), HashIndex.NONE).over(index);

    static DenialReason reason(Access access) {
        assertThat(access.toString(), access, instanceOf(Verdict.Denied.class));
        return ((Verdict.Denied) access).reason();
    }

    @Test
    void freeContentIsFreeWhateverTokenCameAndNothingIsVerified() {
        assertThat(paygate.isPaid("free/trailer.mkv"), is(false));
        assertThat(paygate.forBytes("free/trailer.mkv", "garbage"), is(Access.FREE));
        assertThat(paygate.forPeers("free/trailer.mkv", null), is(Access.FREE));
        assertThat("the open paygate protects nothing", Paygate.open().forBytes("paid/film.mkv", null),
                is(Access.FREE));
    }

    @Test
    void paidContentNeedsATokenThatOpensIt() {
        assertThat(paygate.isPaid("paid/film.mkv"), is(true));
        assertThat(reason(paygate.forBytes("paid/film.mkv", null)), is(DenialReason.MISSING));
        assertThat(reason(paygate.forBytes("paid/film.mkv", "x.y.z")), is(DenialReason.BAD_ENCODING));
        Access granted = paygate.forBytes("paid/film.mkv", f.token());
        assertThat(granted.toString(), granted, instanceOf(Access.Granted.class));
        assertThat("the token's budget comes with it", granted.budget().limited(), is(true));
        assertThat(((Access.Granted) granted).claims().tokenId(), is(f.issued.claims().tokenId()));
    }

    @Test
    void anInfoHashTokenOpensThePathsOfItsPublication() {
        String hashOnly = f.issuer.token().subject("b").scope(Scope.infoHash(Fixture.FILM)).ttl(Duration.ofHours(1))
                .issue().token();
        assertThat("through the publication of the path", paygate.forBytes("paid/film.mkv", hashOnly).granted(),
                is(true));
        assertThat(reason(paygate.forBytes("paid/other.mkv", hashOnly)), is(DenialReason.OUT_OF_SCOPE));
    }

    @Test
    void aUsedUpBudgetDeniesBytesButStillOpensPeers() {
        f.budgets.charge(f.issued.claims(), Fixture.BUDGET);
        assertThat(reason(paygate.forBytes("paid/film.mkv", f.token())), is(DenialReason.BUDGET_EXHAUSTED));
        Access peers = paygate.forPeers("paid/film.mkv", f.token());
        assertThat(peers.toString(), peers.granted(), is(true));
        assertThat("nothing to charge for peers", peers.budget(), is(Budget.UNLIMITED));
    }

    @Test
    void theTrackerReachesThePaygateThroughItsGateOnlyAndAsksThePublicationsOnce() {
        SwarmGate gate = paygate.swarmGate();
        assertThat("the gate names its parameter; the tracker does not", gate.credentialParameter(),
                is(Optional.of(Route.TOKEN_PARAMETER)));
        assertThat(gate.access(Fixture.FILM, f.token()), is(SwarmAccess.ADMITTED));
        assertThat("one look-up per announce", asked, is(List.of(Fixture.FILM)));
        SwarmAccess anonymous = gate.access(Fixture.FILM, null);
        assertThat(anonymous, is(new SwarmAccess.Denied("paygate: a token is required for this content")));
        assertThat("a free swarm needs no token", gate.access(Fixture.OTHER, null), is(SwarmAccess.ADMITTED));
        assertThat("not published here", gate.access(Fixture.hash(9), f.token()), is(SwarmAccess.UNREGISTERED));
        assertThat("the open paygate reads no parameter", Paygate.open().swarmGate().credentialParameter(),
                is(Optional.empty()));
    }

    @Test
    void aSwarmAnotherServerPublishedIsRegisteredAndPaidByItsPath() {
        InfoHash nested = Fixture.hash(7);
        InfoHash paidNested = Fixture.hash(8);
        Map<InfoHash, List<String>> elsewhere = Map.of(nested, List.of("music/album/track.flac"),
                paidNested, List.of("paid/extras/making-of.mkv"), Fixture.FILM, List.of("never/asked.mkv"));
        List<InfoHash> askedElsewhere = new ArrayList<>();
        SwarmGate gate = paygate.swarmGate(hash -> {
            askedElsewhere.add(hash);
            return elsewhere.getOrDefault(hash, List.of());
        });
        assertThat("published here: the other servers are not asked", gate.access(Fixture.FILM, f.token()),
                is(SwarmAccess.ADMITTED));
        assertThat(askedElsewhere, is(List.of()));
        assertThat("free elsewhere: admitted without a token", gate.access(nested, null), is(SwarmAccess.ADMITTED));
        assertThat("paid elsewhere: a token is required here too", gate.access(paidNested, null),
                is(new SwarmAccess.Denied("paygate: a token is required for this content")));
        assertThat("and one that opens the path admits", gate.access(paidNested, f.token()), is(SwarmAccess.ADMITTED));
        String otherScope = f.issuer.token().subject("b").scope(Scope.path("paid/film.mkv")).ttl(Duration.ofHours(1))
                .issue().token();
        assertThat("a token for another path does not", gate.access(paidNested, otherScope),
                instanceOf(SwarmAccess.Denied.class));
        String hashScope = f.issuer.token().subject("b").scope(Scope.infoHash(paidNested)).ttl(Duration.ofHours(1))
                .issue().token();
        assertThat("a token naming the info-hash does", gate.access(paidNested, hashScope), is(SwarmAccess.ADMITTED));
        assertThat("published nowhere", gate.access(Fixture.hash(9), f.token()), is(SwarmAccess.UNREGISTERED));
        assertThat(askedElsewhere, is(List.of(nested, paidNested, paidNested, paidNested, paidNested,
                Fixture.hash(9))));
    }

    @Test
    void theGateWithoutOtherServersIsTheGateOfThisServer() {
        assertThat(paygate.swarmGate().access(Fixture.hash(7), null), is(SwarmAccess.UNREGISTERED));
        assertThat("paid/ is protected", paygate.protectsAnything(), is(true));
        assertThat(Paygate.open().protectsAnything(), is(false));
    }
}
