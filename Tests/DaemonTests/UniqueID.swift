/// A device or hub id no other test uses, so that parallel tests never share topics or client ids.
func uniqueID(_ prefix: String) -> String {
    "\(prefix)-\(UInt32.random(in: 0...UInt32.max))"
}
