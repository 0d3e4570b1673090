/** Repositories, their manifests by digest (the exact bytes pushed) and tags. */
import { digestOf } from "./buildImageIndex.js";
import type { StoredManifest } from "./types.js";

export class RegistryState {
  private readonly manifests = new Map<string, Map<string, StoredManifest>>();
  private readonly tags = new Map<string, Map<string, string>>();

  /** Stores the bytes as given (the spec's MUST) and returns their digest. */
  put(name: string, manifest: StoredManifest, tags: readonly string[] = []): string {
    const digest = digestOf(manifest.bytes);
    this.of(this.manifests, name).set(digest, { mediaType: manifest.mediaType, bytes: Buffer.from(manifest.bytes) });
    for (const tag of tags) this.of(this.tags, name).set(tag, digest);
    return digest;
  }

  /** Removes a manifest and the tags on it, as a registry-side delete does. */
  remove(name: string, digest: string): boolean {
    for (const [tag, target] of this.tags.get(name) ?? []) if (target === digest) this.tags.get(name)?.delete(tag);
    return this.manifests.get(name)?.delete(digest) ?? false;
  }

  /** The digest a tag or digest reference names, if the repository holds that manifest. */
  resolve(name: string, reference: string): { digest: string; manifest: StoredManifest } | undefined {
    const digest = reference.includes(":") ? reference : this.tags.get(name)?.get(reference);
    const manifest = digest === undefined ? undefined : this.manifests.get(name)?.get(digest);
    return digest !== undefined && manifest !== undefined ? { digest, manifest } : undefined;
  }

  private of<T>(maps: Map<string, Map<string, T>>, name: string): Map<string, T> {
    const found = maps.get(name);
    if (found) return found;
    const map = new Map<string, T>();
    maps.set(name, map);
    return map;
  }
}
