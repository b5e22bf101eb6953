package dev.imagecatalog.catalog.events;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogImage;
import dev.imagecatalog.catalog.ImageReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What changed between two catalogs, as the events a daemon writes when the same changes are made
 * to it (moby 28.x, the graphdriver image store, its default):
 * <ol>
 * <li>an image that arrives is pulled: one {@code pull} per tag (else per digest) it arrives with,
 * named by that reference (distribution/pull.go); one with no reference at all is loaded: {@code load},
 * by its id (image/tarexport/load.go);</li>
 * <li>a reference added to an image that stays: {@code tag} (daemon/images/image_tag.go); one
 * removed from it: {@code untag}, unless another image now holds it (a tag moved to another
 * image: the daemon reports only the {@code tag});</li>
 * <li>an image gone: {@code untag} for each of its references that no image holds now, then
 * {@code delete} (daemon/images/image_delete.go).</li>
 * </ol>
 * Arrivals first, then the retags, then removals: pull, tag, prune, as one would change a daemon.
 */
public final class CatalogChanges {

    /** An event without its time (given when it is published). */
    public record Change(String action, String actorId, Map<String, String> attributes) {
    }

    private CatalogChanges() {
    }

    public static List<Change> between(Catalog before, Catalog after) {
        Map<String, CatalogImage> old = imagesById(before);
        Map<String, CatalogImage> now = imagesById(after);
        Set<String> heldNow = new HashSet<>();
        for (CatalogImage image : now.values()) {
            references(image).forEach(ref -> heldNow.add(ref.familiar()));
        }
        List<Change> arrivals = new ArrayList<>();
        List<Change> retags = new ArrayList<>();
        for (CatalogImage image : now.values()) {
            CatalogImage was = old.get(image.idKey());
            if (was == null) {
                arrived(image, arrivals);
            } else {
                retagged(was, image, heldNow, retags);
            }
        }
        List<Change> removals = new ArrayList<>();
        for (CatalogImage image : old.values()) {
            if (!now.containsKey(image.idKey())) {
                for (ImageReference ref : references(image)) {
                    if (!heldNow.contains(ref.familiar())) {
                        removals.add(byId("untag", image, image.labels()));
                    }
                }
                removals.add(byId("delete", image, null)); // the image is gone: no labels left to report
            }
        }
        List<Change> all = new ArrayList<>(arrivals.size() + retags.size() + removals.size());
        all.addAll(arrivals);
        all.addAll(retags);
        all.addAll(removals);
        return all;
    }

    private static void arrived(CatalogImage image, List<Change> out) {
        List<ImageReference> pulled = !image.tags().isEmpty() ? image.tags() : image.digests();
        if (pulled.isEmpty()) {
            out.add(byId("load", image, image.labels()));
            return;
        }
        for (ImageReference ref : pulled) {
            out.add(new Change("pull", ref.familiar(), attributes(image.labels(), ref.familiarName())));
        }
    }

    private static void retagged(CatalogImage was, CatalogImage image, Set<String> heldNow, List<Change> out) {
        Set<String> before = familiar(was);
        Set<String> after = familiar(image);
        for (String ref : before) {
            if (!after.contains(ref) && !heldNow.contains(ref)) {
                out.add(byId("untag", image, image.labels()));
            }
        }
        for (String ref : after) {
            if (!before.contains(ref)) {
                out.add(new Change("tag", image.idKey(), attributes(image.labels(), ref)));
            }
        }
    }

    /** An event named by the image's id: {@code name} is the id too (the daemon's untag, delete and load). */
    private static Change byId(String action, CatalogImage image, Map<String, String> labels) {
        return new Change(action, image.idKey(), attributes(labels, image.idKey()));
    }

    private static Map<String, String> attributes(Map<String, String> labels, String name) {
        Map<String, String> attributes = labels == null ? new TreeMap<>() : new TreeMap<>(labels);
        attributes.put("name", name);
        return attributes;
    }

    private static Map<String, CatalogImage> imagesById(Catalog catalog) {
        Map<String, CatalogImage> images = new LinkedHashMap<>(catalog.size() * 2);
        for (CatalogImage image : catalog.images()) {
            images.put(image.idKey(), image);
        }
        return images;
    }

    private static List<ImageReference> references(CatalogImage image) {
        List<ImageReference> refs = new ArrayList<>(image.tags().size() + image.digests().size());
        refs.addAll(image.tags());
        refs.addAll(image.digests());
        return refs;
    }

    private static Set<String> familiar(CatalogImage image) {
        Set<String> refs = new LinkedHashSet<>();
        references(image).forEach(ref -> refs.add(ref.familiar()));
        return refs;
    }
}
