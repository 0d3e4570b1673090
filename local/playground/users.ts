// The playground's simulated people: LOCAL_USERS from the local stack, with names to show.
import { LOCAL_USERS } from "../localIdentities.js";
import type { PlaygroundUser } from "./stateTypes.js";

export function playgroundUsers(): PlaygroundUser[] {
  return [
    { id: LOCAL_USERS.requester, name: "Robin", role: "requester: asks for restores" },
    { id: LOCAL_USERS.approvers[0], name: "Ada", role: "approver" },
    { id: LOCAL_USERS.approvers[1], name: "Grace", role: "approver" },
    { id: LOCAL_USERS.outsider, name: "Oscar", role: "outsider: may neither approve nor cancel" },
  ];
}

export function playgroundUser(id: unknown): PlaygroundUser | undefined {
  return playgroundUsers().find((user) => user.id === id);
}
