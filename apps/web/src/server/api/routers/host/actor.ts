import type { WorkspaceActor } from "@nitip/core";
import type { SessionUser } from "../../trpc";

/** The signed-in user as core's workspace actor: a host acts on their own objects, an admin on any. */
export const workspaceActor = (user: SessionUser): WorkspaceActor => ({ type: user.role, id: user.id });
