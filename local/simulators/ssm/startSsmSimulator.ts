/**
 * A stand-in for AWS Systems Manager Parameter Store's `GetParameter` (AWS JSON 1.1) on
 * 127.0.0.1. It checks the SigV4 signature by recomputing it with aws4fetch's signer, as the
 * Lambda stand-in does, and answers in SSM's shapes: the parameter, or `ParameterNotFound`,
 * `AccessDeniedException` for names outside `readable`, `InvalidSignatureException`, and
 * injected faults. A SecureString read without `WithDecryption` comes back as ciphertext.
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { header, verifySigV4 } from "../aws/verifySigV4.js";

export interface SsmCall {
  target: string | undefined;
  name: unknown;
  withDecryption: unknown;
  signatureValid: boolean;
  status: number;
  /** The signed header names, as the client listed them. */
  signedHeaders: string[];
}

export interface SsmSimulatorOptions {
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  region: string;
  /** Parameter name → value. Every one is a SecureString. */
  parameters: Record<string, string>;
  /** If set, only these names may be read (like an IAM policy on parameter ARNs); others get AccessDeniedException. */
  readable?: string[];
}

export interface SsmSimulator {
  url: string;
  calls: SsmCall[];
  /** The next `times` calls answer this status and error code instead. */
  failNext(status: number, code: string, times?: number): void;
  close(): Promise<void>;
}

export async function startSsmSimulator(options: SsmSimulatorOptions): Promise<SsmSimulator> {
  const calls: SsmCall[] = [];
  const faults: Array<{ status: number; code: string }> = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const target = header(request.headers["x-amz-target"]);
        const signedHeaders =
          /SignedHeaders=([^,]+)/.exec(header(request.headers.authorization) ?? "")?.[1]?.split(";") ?? [];
        const signatureValid = verifySigV4(
          request.method ?? "",
          `http://${request.headers.host}${request.url}`,
          request.headers,
          body,
          { service: "ssm", region: options.region, credentials: options.credentials },
        );
        let input: { Name?: unknown; WithDecryption?: unknown } = {};
        try {
          input = JSON.parse(body) as typeof input;
        } catch {
          input = {};
        }
        const [status, answer] = decide();
        calls.push({
          target,
          name: input.Name,
          withDecryption: input.WithDecryption,
          signatureValid,
          status,
          signedHeaders,
        });
        response
          .writeHead(status, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "ssm-sim-request" })
          .end(JSON.stringify(answer));

        function decide(): [number, unknown] {
          const error = (code: string, message: string, errorStatus = 400): [number, unknown] => [
            errorStatus,
            { __type: code, message },
          ];
          if (request.method !== "POST" || request.url !== "/")
            return error("UnknownOperationException", "not found", 404);
          if (!signatureValid)
            return error(
              "InvalidSignatureException",
              "The request signature we calculated does not match the signature you provided.",
            );
          if (header(request.headers["content-type"]) !== "application/x-amz-json-1.1")
            return error("SerializationException", "bad content type");
          if (target !== "AmazonSSM.GetParameter")
            return error("UnknownOperationException", `unknown operation ${String(target)}`);
          const fault = faults.shift();
          if (fault) return error(fault.code, "injected fault", fault.status);
          const name = input.Name;
          if (typeof name !== "string" || name.length === 0) return error("ValidationException", "Name is required");
          if (options.readable && !options.readable.includes(name)) {
            return error(
              "AccessDeniedException",
              `User is not authorized to perform: ssm:GetParameter on resource: ${name}`,
            );
          }
          const value = options.parameters[name];
          if (value === undefined) return error("ParameterNotFound", "");
          return [
            200,
            {
              Parameter: {
                ARN: `arn:aws:ssm:${options.region}:123456789012:parameter${name.startsWith("/") ? "" : "/"}${name}`,
                DataType: "text",
                LastModifiedDate: 1.7e9,
                Name: name,
                Type: "SecureString",
                Value: input.WithDecryption === true ? value : Buffer.from(`ciphertext:${name}`).toString("base64"),
                Version: 1,
              },
            },
          ];
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    failNext(status, code, times = 1) {
      for (let i = 0; i < times; i += 1) faults.push({ status, code });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
