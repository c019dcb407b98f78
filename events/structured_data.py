"""schema.org Event JSON-LD, read by search engines and agenda aggregators."""

from django.conf import settings
from django.utils import timezone

from events.choices import AttendanceMode, EventStatus
from hub.locales import active_language

ATTENDANCE = {
    AttendanceMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.MIXED: "https://schema.org/MixedEventAttendanceMode",
}
STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
}


def _iso(value) -> str | None:
    # Local time with its UTC offset (2026-12-08T09:30:00+01:00), as Google expects.
    return timezone.localtime(value).isoformat() if value else None


def _place(venue) -> dict:
    place = {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.street_address,
            "postalCode": venue.postal_code,
            "addressLocality": venue.city,
            "addressCountry": venue.country,
        },
    }
    if venue.latitude is not None and venue.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    return place


def event_json_ld(event, request) -> dict:
    url = event.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary or None,
        "url": url,
        "inLanguage": active_language(),
        "startDate": _iso(event.start),
        "endDate": _iso(event.end),
        "eventAttendanceMode": ATTENDANCE.get(event.attendance_mode),
        "eventStatus": STATUS.get(event.status),
        "organizer": {
            "@type": "Organization",
            "name": settings.WAGTAIL_SITE_NAME,
            "url": settings.SITE_URL,
        },
    }
    locations = []
    venue = event.physical_venue
    if venue is not None:
        locations.append(_place(venue))
    if event.attendance_mode != AttendanceMode.IN_PERSON:
        locations.append({"@type": "VirtualLocation", "url": url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.takes_registrations or event.external_registration_url:
        offer = {
            "@type": "Offer",
            "price": f"{event.price or 0:.2f}",
            "priceCurrency": "EUR",
            "url": event.external_registration_url or url,
            # Full means sold out for search engines, even with a waiting list.
            "availability": "https://schema.org/SoldOut"
            if event.is_full
            else "https://schema.org/InStock",
        }
        if event.registration_opens_at:
            offer["validFrom"] = _iso(event.registration_opens_at)
        data["offers"] = offer
    performers = [{"@type": "Person", "name": speaker.name} for speaker in event.speaker_list]
    if performers:
        data["performer"] = performers
    image = event.image
    if image:
        data["image"] = request.build_absolute_uri(image.get_rendition("fill-1200x675").url)
    return {key: value for key, value in data.items() if value is not None}
