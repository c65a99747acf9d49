// Participants: who is in the room, their organisation and stakeholder group, member or
// observer, present or not; adding, editing, removing them, and finding one by id or name.

public enum StakeholderGroup: String, Sendable, CaseIterable {
    case government, intergovernmental, ngo = "NGO", majorGroup = "major group",
         privateSector = "private sector", research, other

    /// Accepts the usual spellings: `NGO`, `ngo`, `major-group`, `Major group`, `igo`…
    public init?(loose text: String) {
        let key = String(text.lowercased().map { $0 == "-" || $0 == "_" ? " " : $0 })
        switch key.trimmingSpaces {
        case "government", "gov", "govt", "national government": self = .government
        case "intergovernmental", "igo", "intergovernmental agency", "un": self = .intergovernmental
        case "ngo", "ngos", "non governmental", "civil society": self = .ngo
        case "major group", "major groups": self = .majorGroup
        case "private sector", "private", "business": self = .privateSector
        case "research", "academia", "university": self = .research
        case "other", "": self = .other
        default: return nil
        }
    }

    /// The group's name for people (`rawValue` is the journal's word), in each language.
    public var name: Message {
        switch self {
        case .government: Message("government", context: "a stakeholder group")
        case .intergovernmental: Message("intergovernmental", context: "a stakeholder group")
        case .ngo: Message("NGO", context: "a stakeholder group")
        case .majorGroup: Message("major group", context: "a stakeholder group")
        case .privateSector: Message("private sector", context: "a stakeholder group")
        case .research: Message("research", context: "a stakeholder group")
        case .other: Message("other", context: "a stakeholder group")
        }
    }
}

public struct Participant: Equatable, Sendable {
    public var id: String
    public var name: String
    public var organisation: String
    public var group: StakeholderGroup
    public var country: String
    public var observer: Bool
    public var present: Bool
    public var isMember: Bool { !observer }

    public init(id: String, name: String, organisation: String = "", group: StakeholderGroup = .other,
                country: String = "", observer: Bool = false, present: Bool = true) {
        self.id = id
        self.name = name
        self.organisation = organisation
        self.group = group
        self.country = country
        self.observer = observer
        self.present = present
    }
}


extension SessionLog {
    /// Adding, marking, editing and removing participants.
    func decideParticipants(_ command: Command) throws(QuipuError) -> [Change] {
        let s = state
        switch command {
        case let .addParticipant(name, organisation, group, country, observer):
            let name = try cleanText(name, what: "name")
            // The same person typed again, in other capitals, accents or spacing, is not a second person.
            let key = personKey(name)
            if let existing = s.participants.first(where: { personKey($0.name) == key }) {
                if existing.name == name {
                    throw QuipuError("{name} is already on the roster as {id}; if they are two people, tell them apart in the name (a second surname or an initial)",
                                     ["name": .text(name), "id": .text(existing.id)])
                }
                throw QuipuError("{name} is already on the roster as {id} ({spelled}); if they are two people, tell them apart in the name (a second surname or an initial)",
                                 ["name": .text(name), "id": .text(existing.id), "spelled": .text(existing.name)])
            }
            return [.participantAdded(Participant(
                id: s.nextID("P"), name: name,
                organisation: try cleanText(organisation, what: "organisation", allowEmpty: true), group: group,
                country: try cleanText(country, what: "country", allowEmpty: true), observer: observer, present: true))]
        case let .setParticipant(who, present, observer):
            let p = try resolveParticipant(who)
            guard present != nil || observer != nil else { throw QuipuError("say what to change: present, absent, member or observer") }
            let set = [("present", present != nil), ("role", observer != nil)]
            return [.participantUpdated(id: p.id, present: present, observer: observer, over: s.editOver(p.id, set.filter(\.1).map(\.0)))]

        case let .editParticipant(who, name, organisation, group, country):
            let p = try resolveParticipant(who)
            var newName: String?
            if let name {
                let clean = try cleanText(name, what: "name")
                if clean != p.name {
                    if let other = s.participants.first(where: { $0.id != p.id && personKey($0.name) == personKey(clean) }) {
                        throw QuipuError("{name} is already on the roster as {id}", ["name": .text(clean), "id": .text(other.id)])
                    }
                    newName = clean
                }
            }
            var newOrg: String?
            if let organisation {
                let clean = try cleanText(organisation, what: "organisation", allowEmpty: true)
                if clean != p.organisation { newOrg = clean }
            }
            let newGroup = group == p.group ? nil : group
            var newCountry: String?
            if let country {
                let clean = try cleanText(country, what: "country", allowEmpty: true)
                if clean != p.country { newCountry = clean }
            }
            guard newName != nil || newOrg != nil || newGroup != nil || newCountry != nil else {
                throw QuipuError("nothing to change: {id} {name} already reads that way", ["id": .text(p.id), "name": .text(p.name)])
            }
            let set = [("name", newName != nil), ("org", newOrg != nil), ("group", newGroup != nil), ("country", newCountry != nil)]
            return [.participantEdited(id: p.id, name: newName, organisation: newOrg, group: newGroup, country: newCountry,
                                       over: s.editOver(p.id, set.filter(\.1).map(\.0)))]

        case let .removeParticipant(who):
            let p = try resolveParticipant(who)
            return [.participantRemoved(id: p.id)]
        default:
            preconditionFailure("decide routes only participant commands here")
        }
    }
}

extension Session {
    /// How many participants on the roster come from each stakeholder group, in the groups' order;
    /// groups with nobody are left out.
    public var groupCounts: [(group: StakeholderGroup, count: Int)] {
        StakeholderGroup.allCases.compactMap { g in
            let n = participants.filter { $0.group == g }.count
            return n == 0 ? nil : (g, n)
        }
    }
}
