// WebRTC is never used by the interop tests (no tracker, no peers, HTTP webseed only).
// Constructing a peer connection means something unexpected happened: say so loudly.
class Unavailable {
  constructor () {
    throw new Error('WebRTC is not available in the webseed interop harness')
  }
}
export const RTCPeerConnection = Unavailable
export const RTCSessionDescription = Unavailable
export const RTCIceCandidate = Unavailable
export default { RTCPeerConnection, RTCSessionDescription, RTCIceCandidate }
