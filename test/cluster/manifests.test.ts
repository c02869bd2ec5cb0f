// The Kubernetes manifests in deploy/k8s validate against the Kubernetes schemas (offline, with
// kubernetes-models), fit together (Service name and port, volume claim, Indexed Job of --nodes
// pods), and the Job's pods run exactly the command `mc check --cluster` starts locally.
import { readFileSync } from "node:fs";
import { Deployment } from "kubernetes-models/apps/v1";
import { Job } from "kubernetes-models/batch/v1";
import { PersistentVolumeClaim, Service } from "kubernetes-models/v1";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { workerArgv } from "../../src/cli/cluster-launch.js";
import type { CheckArgs } from "../../src/cli/check-command.js";

type Obj = { kind: string; metadata: { name: string }; [k: string]: unknown };
const docs = (f: string): Obj[] => parseAllDocuments(readFileSync(`deploy/k8s/${f}`, "utf8")).map((d) => d.toJS() as Obj);
const all = [...docs("nats.yaml"), ...docs("checkpoints.yaml"), ...docs("job.yaml")];
const byKind = (k: string): Obj => all.find((o) => o.kind === k)!;
const model = (o: Obj): { validate(): void } => {
  const make = { Deployment, Service, PersistentVolumeClaim, Job }[o.kind];
  if (!make) throw new Error(`no schema for ${o.kind}`);
  return new (make as new (o: unknown) => { validate(): void })(o);
};

interface Container {
  command: string[];
  args: string[];
  env: { name: string; value?: string }[];
  volumeMounts: { mountPath: string }[];
}

describe("deploy/k8s", () => {
  it("every object validates against its Kubernetes schema, and a broken one does not", () => {
    expect(all.map((o) => o.kind).sort()).toEqual(["Deployment", "Job", "PersistentVolumeClaim", "Service"]);
    for (const o of all) expect(() => model(o).validate(), o.kind).not.toThrow();
    const bad = structuredClone(byKind("Job")) as { spec: { completions: unknown } } & Obj;
    bad.spec.completions = "four";
    expect(() => model(bad).validate()).toThrow();
  });

  it("is an Indexed Job of --nodes pods that reach the NATS Service and mount the checkpoint claim", () => {
    const job = byKind("Job") as Obj & { spec: { completionMode: string; completions: number; parallelism: number; template: { spec: { restartPolicy: string; containers: Container[]; volumes: { persistentVolumeClaim: { claimName: string } }[] } } } };
    const c = job.spec.template.spec.containers[0]!;
    const nodes = Number(c.args[c.args.indexOf("--nodes") + 1]);
    expect(job.spec).toMatchObject({ completionMode: "Indexed", completions: nodes, parallelism: nodes });
    expect(job.spec.template.spec.restartPolicy).toBe("Never");
    const svc = byKind("Service") as Obj & { spec: { ports: { port: number }[] } };
    expect(c.env.find((e) => e.name === "MC_NATS_URL")!.value).toBe(`nats://${svc.metadata.name}:${svc.spec.ports[0]!.port}`);
    expect(job.spec.template.spec.volumes[0]!.persistentVolumeClaim.claimName).toBe(byKind("PersistentVolumeClaim").metadata.name);
    expect(c.args[c.args.indexOf("--checkpoint-dir") + 1]).toBe(c.volumeMounts[0]!.mountPath);
  });

  it("runs the same command as mc check --cluster on one machine", () => {
    const c = (byKind("Job") as unknown as { spec: { template: { spec: { containers: Container[] } } } }).spec.template.spec.containers[0]!;
    const env = Object.fromEntries(c.env.map((e) => [e.name, e.value ?? "RUN"]));
    const podArgv = [...c.command, ...c.args.map((a) => a.replace(/\$\((\w+)\)/g, (_, v: string) => env[v]!))];
    // `mc check specs/devpriv.ts --const P=4 --const T=8 --no-typecheck --cluster URL --nodes 4 --checkpoint-dir /checkpoints`
    const a: CheckArgs = { spec: "specs/devpriv.ts", strategy: "bfs", deadlock: true, json: false, consts: ["P=4", "T=8"], workers: "1", maxStates: undefined, maxDepth: undefined, memory: undefined, invariants: [], properties: [], typecheck: false };
    const local = ["node", "bin/mc.js", ...workerArgv(a, { url: env["MC_NATS_URL"]!, nodes: 4, checkpointDir: "/checkpoints" }, "RUN")];
    expect(podArgv).toEqual(local);
  });
});
