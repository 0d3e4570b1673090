/**
 * Pushes an image through the OCI push API, as a client would
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#push): each blob by POST then PUT to the
 * upload location, then each child manifest by digest, then the index by tag. CNCF Distribution refuses an index
 * whose children it doesn't hold yet (400 MANIFEST_BLOB_UNKNOWN), hence the order.
 */
import type { BuiltBlob, BuiltImage, BuiltManifest } from "../../local/simulators/registry/buildImageIndex.js";

export async function pushImage(
  url: string,
  name: string,
  image: BuiltImage,
  tag: string,
  authorization?: string,
): Promise<void> {
  const auth: Record<string, string> = authorization ? { authorization } : {};
  const seen = new Set<string>();
  for (const blob of image.blobs) {
    if (seen.has(blob.digest)) continue;
    seen.add(blob.digest);
    await pushBlob(url, name, blob, auth);
  }
  for (const child of image.children) await pushManifest(url, name, child.digest, child, auth);
  await pushManifest(url, name, tag, image.index, auth);
}

async function pushBlob(url: string, name: string, blob: BuiltBlob, auth: Record<string, string>): Promise<void> {
  const started = await fetch(`${url}/v2/${name}/blobs/uploads/`, { method: "POST", headers: auth });
  const location = started.headers.get("location");
  if (started.status !== 202 || location === null)
    throw new Error(`upload of ${blob.digest} not started: ${started.status} ${await started.text()}`);
  const target = new URL(location, url);
  target.searchParams.set("digest", blob.digest);
  const done = await fetch(target, {
    method: "PUT",
    headers: { ...auth, "content-type": "application/octet-stream" },
    body: new Uint8Array(blob.bytes),
  });
  if (done.status !== 201) throw new Error(`upload of ${blob.digest} refused: ${done.status} ${await done.text()}`);
}

async function pushManifest(
  url: string,
  name: string,
  reference: string,
  manifest: BuiltManifest,
  auth: Record<string, string>,
): Promise<void> {
  const response = await fetch(`${url}/v2/${name}/manifests/${reference}`, {
    method: "PUT",
    headers: { ...auth, "content-type": manifest.mediaType },
    body: new Uint8Array(manifest.bytes),
  });
  if (response.status !== 201)
    throw new Error(`manifest ${reference} refused: ${response.status} ${await response.text()}`);
  // The spec: Docker-Content-Digest "MUST be equal to the client provided digest", i.e. the SHA-256 of the bytes sent.
  const digest = response.headers.get("docker-content-digest");
  if (digest !== manifest.digest)
    throw new Error(`manifest ${reference} stored as ${digest}, pushed as ${manifest.digest}`);
}
