// bottleneck's light build (what @octokit/plugin-throttling loads) ships without types; it has the full build's API minus Redis clustering.
declare module "bottleneck/light.js" {
  import Bottleneck from "bottleneck";
  export default Bottleneck;
}
