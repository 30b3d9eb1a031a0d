package dev.plugboard.host.sync;

import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.spi.ResourceType;
import dev.plugboard.spi.Trait;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plugin that makes its data up page by page, holding none of it: {@code teams} teams of {@code members} member
 * grants each (plus one expandable project grant per team), and {@code members} users. Grants are deliberately fat
 * (long ids, a profile-sized padding) so that holding them all would not fit a small heap. Pages complete on the
 * plugin's own scheduler thread after {@code delayMillis}, like an event loop.
 */
public final class SyntheticResourceSync implements ResourceSync, AutoCloseable {
    private static final String PAD = "x".repeat(160);
    private final int teams;
    private final int members;
    private final int pageSize;
    private final long delayMillis;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "synthetic-plugin-loop");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong calls = new AtomicLong();

    /**
     * @param teams       teams
     * @param members     member grants per team, and users
     * @param pageSize    items per page
     * @param delayMillis how long each call takes
     */
    public SyntheticResourceSync(int teams, int members, int pageSize, long delayMillis) {
        this.teams = teams;
        this.members = members;
        this.pageSize = pageSize;
        this.delayMillis = delayMillis;
    }

    /** @return calls made */
    public long calls() {
        return calls.get();
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return List.of(new ResourceType("user", "User", Set.of(Trait.USER), "a user"),
                new ResourceType("team", "Team", Set.of(Trait.GROUP), "a team"));
    }

    private <T> CompletionStage<Page<T>> page(int total, Optional<String> token, IndexedItem<T> item) {
        calls.incrementAndGet();
        int from = token.map(Integer::parseInt).orElse(0);
        CompletableFuture<Page<T>> future = new CompletableFuture<>();
        loop.schedule(() -> {
            int to = Math.min(total, from + pageSize);
            List<T> items = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                items.add(item.at(i));
            }
            future.complete(to < total ? Page.of(items, String.valueOf(to)) : Page.last(items));
        }, delayMillis, TimeUnit.MILLISECONDS);
        return future;
    }

    private interface IndexedItem<T> {
        T at(int index);
    }

    private static String userId(int i) {
        return String.format("user-%08d-%s", i, PAD.substring(0, 40));
    }

    @Override
    public CompletionStage<Page<Resource>> resources(String type, Optional<ResourceRef> parent, Optional<String> token) {
        if (type.equals("user")) {
            return page(members, token, i -> Resource.of(new ResourceRef("user", userId(i)), "User " + i,
                    Map.of("email", "u" + i + "@example.com")));
        }
        return page(teams, token, i -> Resource.of(new ResourceRef("team", "team-" + i), "Team " + i,
                Map.of("slug", "team-" + i)));
    }

    @Override
    public CompletionStage<Page<Entitlement>> entitlements(Resource resource, Optional<String> token) {
        if (!resource.type().equals("team")) {
            return page(0, token, i -> null);
        }
        return page(1, token, i -> new Entitlement(Entitlement.idOf(resource.ref(), "member"), resource.ref(),
                "member", "Member", Entitlement.Purpose.ASSIGNMENT, Set.of("user")));
    }

    @Override
    public CompletionStage<Page<Grant>> grants(Resource resource, Optional<String> token) {
        if (!resource.type().equals("team")) {
            return page(0, token, i -> null);
        }
        String member = Entitlement.idOf(resource.ref(), "member");
        return page(members, token, i -> {
            ResourceRef user = new ResourceRef("user", userId(i));
            return new Grant(Grant.idOf(member, user) + ":" + PAD, member, user,
                    List.of(member + ":" + PAD.substring(0, 60)));
        });
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
