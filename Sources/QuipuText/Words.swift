// Small pieces of wording every layer uses, in one place.

/// `1 observer`, `2 observers`.
public func plural(_ count: Int, _ noun: String) -> String { count == 1 ? "1 \(noun)" : "\(count) \(noun)s" }
