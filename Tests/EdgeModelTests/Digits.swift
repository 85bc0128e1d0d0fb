import Foundation

/// scikit-learn's digits, from Tests/Fixtures/digits.txt (made by scripts/reference/export_digits.py): 8×8 images
/// with pixels 0...16, scaled here to 0...1, and the fixed train/test split.
struct Digits {
    var trainInputs: [[Float]] = []
    var trainLabels: [Int] = []
    var testInputs: [[Float]] = []
    var testLabels: [Int] = []

    static let shared = Digits()

    private init() {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/digits.txt").path
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let alphabet = Array("0123456789abcdefg")
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let characters = Array(line)
            guard characters.count == 66, let label = Int(String(characters[1])) else { continue }
            let pixels = characters[2...].map { Float(alphabet.firstIndex(of: $0) ?? 0) / 16 }
            if characters[0] == "t" {
                trainInputs.append(pixels)
                trainLabels.append(label)
            } else {
                testInputs.append(pixels)
                testLabels.append(label)
            }
        }
    }
}
