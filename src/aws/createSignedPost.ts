import { createPost, type Post, type PostOptions } from "./createPost.js";
import { signAwsRequest, type AwsCredentials } from "./signAwsRequest.js";

/** Like createPost, with each request signed (SigV4) for `service` at the moment it is sent. */
export function createSignedPost(
  url: URL,
  signing: { service: string; region: string; credentials: AwsCredentials } & PostOptions,
): Post {
  const post = createPost(url, signing);
  return (headers, body, timeoutMs) =>
    post(
      signAwsRequest({
        method: "POST",
        url,
        headers,
        body,
        service: signing.service,
        region: signing.region,
        credentials: signing.credentials,
        now: new Date(),
      }),
      body,
      timeoutMs,
    );
}
