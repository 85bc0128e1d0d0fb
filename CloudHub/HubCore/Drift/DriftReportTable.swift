/// The readable form of drift reports: per scope a heading line, the validation counters of a device, and a table
/// of its features.
public struct DriftReportTable: Sendable {
    private let reports: [DriftScopeReport]

    /// A rendering of `reports`.
    public init(_ reports: [DriftScopeReport]) {
        self.reports = reports
    }

    /// The text, or a line saying there is nothing in the window.
    public func render() -> String {
        guard !reports.isEmpty else { return "no drift summaries in the window" }
        return reports.map { report in
            var lines = [
                "\(report.scope)  \(report.model)@\(report.version)  summaries \(report.summaries)  drifted share "
                    + "\(Self.number(report.driftedShare))  \(report.drifted ? "DRIFTED" : "ok")  consecutive "
                    + "\(report.consecutive)\(report.flagged ? "  FLAGGED" : "")"
            ]
            lines.append("compared with: \(report.comparedWith)")
            if let validation = report.validation {
                lines.append(
                    "validation: \(validation.checked) values checked, \(validation.schemaErrors) schema errors, "
                        + "\(validation.nonFinite) NaN/Inf, \(validation.outOfRange) out of range"
                )
            }
            if let classes = report.classes {
                let counts = zip(classes.labels, classes.counts).map { "\($0)=\($1)" }.joined(separator: " ")
                let against =
                    classes.chiSquarePValue.map { pValue in
                        "  chi2 p \(Self.number(pValue))  JS \(Self.number(classes.jensenShannon ?? 0))  "
                            + "\(classes.test ?? "-") \(classes.drifted == true ? "DRIFT" : "ok")"
                    } ?? ""
                lines.append("classes: \(counts)\(against)")
            }
            lines.append(
                TextTable(
                    header: ["FEATURE", "N", "PSI", "KS", "KS P", "JS", "WASS/STD", "TEST", "DRIFT"],
                    rows: report.features.map { feature in
                        [
                            feature.name, "\(feature.count)", Self.number(feature.psi), Self.number(feature.ks),
                            feature.ksPValue.map(Self.number) ?? "-", Self.number(feature.jensenShannon),
                            Self.number(feature.wassersteinNormed), feature.test + (feature.exact ? " (raw)" : ""),
                            feature.drifted ? "yes" : "no",
                        ]
                    },
                    emptyText: "(no feature values)"
                ).render()
            )
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    /// Four significant decimals, without Foundation's formatting.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        return "\((value * 10_000).rounded() / 10_000)"
    }
}
