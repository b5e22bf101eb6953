package dev.imagecatalog.query;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogImage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code docker system df} counts layers, worked out from the catalog's {@code ParentId} chains,
 * the only layer structure a catalog holds (legacy builds: each image adds one layer on top of its
 * parent's). An image's own layer is its {@code Size} less its parent's (all of its {@code Size}
 * when its parent is not in the catalog); its layers are its own and its ancestors'.
 * <ul>
 * <li>{@code LayersSize}: each layer once, over the images listed (daemon/images/service.go
 * LayerDiskUsage: layers of tagged or childless images, which reach every intermediate one's).</li>
 * <li>{@code SharedSize} of a listed image: its layers that another image uses too. Which images
 * count as users changed in Docker 22.06 (moby af3e5568fc): before (API 1.41 and older), only the
 * images df lists; since, every image, intermediate ones included.</li>
 * </ul>
 * Pulled images have no parents: the layers they share by content (the same base image pulled
 * twice under other names) cannot be told from a catalog and count as their own.
 */
public final class LayerSharing {

    private final long layersSize;
    private final long[] sharedSizes;

    private LayerSharing(long layersSize, long[] sharedSizes) {
        this.layersSize = layersSize;
        this.sharedSizes = sharedSizes;
    }

    /**
     * @param listed         the images df lists (tagged or childless), in any order
     * @param usersAreAllImages whether every image of the catalog counts as a user of its layers (22.06 and later)
     */
    public static LayerSharing of(Catalog catalog, List<ImageSummary> listed, boolean usersAreAllImages) {
        List<CatalogImage> images = catalog.images();
        int n = images.size();
        Map<String, Integer> positions = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            positions.put(images.get(i).idKey(), i);
        }
        int[] parent = new int[n];
        long[] own = new long[n];
        for (int i = 0; i < n; i++) {
            CatalogImage image = images.get(i);
            Integer p = image.parentId().isEmpty() ? null : positions.get(CatalogImage.keyOf(image.parentId()));
            parent[i] = p == null || p == i ? -1 : p;
            own[i] = Math.max(0, image.size() - (parent[i] < 0 ? 0 : images.get(parent[i]).size()));
        }
        boolean[] isListed = new boolean[n];
        for (ImageSummary summary : listed) {
            isListed[summary.position()] = true;
        }
        // Users of each image's layer: the images in its subtree (itself and its descendants), all of
        // them or the listed ones. Summed from the leaves up, each image once; an image on a ParentId
        // loop (a broken catalog) is left with what reaches it from outside the loop.
        int[] listedUsers = new int[n];
        int[] allUsers = new int[n];
        int[] children = new int[n];
        for (int i = 0; i < n; i++) {
            listedUsers[i] = isListed[i] ? 1 : 0;
            allUsers[i] = 1;
            if (parent[i] >= 0) {
                children[parent[i]]++;
            }
        }
        int[] order = new int[n]; // children before their parents
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (children[i] == 0) {
                order[size++] = i;
            }
        }
        for (int k = 0; k < size; k++) {
            int a = order[k];
            int p = parent[a];
            if (p >= 0) {
                listedUsers[p] += listedUsers[a];
                allUsers[p] += allUsers[a];
                if (--children[p] == 0) {
                    order[size++] = p;
                }
            }
        }
        int[] users = usersAreAllImages ? allUsers : listedUsers;
        long layersSize = 0;
        long[] sharedInChain = new long[n];
        boolean[] done = new boolean[n];
        for (int k = size - 1; k >= 0; k--) { // parents before their children
            int a = order[k];
            sharedInChain[a] = (users[a] > 1 ? own[a] : 0) + (parent[a] >= 0 && done[parent[a]] ? sharedInChain[parent[a]] : 0);
            done[a] = true;
        }
        for (int a = 0; a < n; a++) {
            if (!done[a]) {
                sharedInChain[a] = users[a] > 1 ? own[a] : 0;
            }
            if (listedUsers[a] > 0) {
                layersSize += own[a];
            }
        }
        long[] shared = new long[listed.size()];
        for (int k = 0; k < listed.size(); k++) {
            int a = listed.get(k).position();
            // A daemon's shared size is part of the image's size. A catalog whose image is smaller than
            // its parent (old daemons' Size was the image's own layer) would otherwise share more than
            // it has, and docker system df -v would show a negative unique size.
            shared[k] = Math.min(sharedInChain[a], Math.max(0, images.get(a).size()));
        }
        return new LayerSharing(layersSize, shared);
    }

    /** Each layer of the listed images once. */
    public long layersSize() {
        return layersSize;
    }

    /** The shared size of the listed image at this index of the list given. */
    public long sharedSize(int listedIndex) {
        return sharedSizes[listedIndex];
    }
}
