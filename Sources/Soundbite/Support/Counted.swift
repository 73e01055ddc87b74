/// `n` and a noun in the right number: `counted(1, "match", "matches")` is
/// "1 match", `counted(2, "warning")` is "2 warnings".
package func counted(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
}
