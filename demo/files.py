"""Files the demo makes itself, so there is nothing to ship: the agenda PDF and the blog's diagram."""

from __future__ import annotations

import io


def agenda_pdf() -> bytes:
    """The programme of the Høje Gladsaxe meeting, shared as material in the group space."""
    from weasyprint import HTML

    return HTML(
        string=(
            "<h1>Unge, fritid og demokrati</h1><p>Netværksmøde i Høje Gladsaxe, 14.10.2021, kl. 13.00-16.00.</p>"
            "<ol><li>Velkommen</li><li>Oplæg: Demokratiforståelse blandt unge</li><li>Erfaringsudveksling</li>"
            "<li>Rundvisning i ungdomsklubben</li><li>Opsamling</li></ol>"
        )
    ).write_pdf()


def diagram_png() -> bytes:
    """A simple drawing of the three resource networks around the social plan."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = 1200, 560
    image = Image.new("RGB", (width, height), "#eef5f6")
    draw = ImageDraw.Draw(image)

    def font(size, bold=False):
        name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
        try:
            return ImageFont.truetype(f"/usr/share/fonts/truetype/dejavu/{name}", size)
        except OSError:
            return ImageFont.load_default(size=size)

    draw.text((width // 2, 60), "Helhedsplanens tre ressourcenetværk", fill="#083a44", font=font(40, True), anchor="mm")
    circles = [
        (250, "#0b4f5c", "Familier/", "Forebyggelse"),
        (600, "#b8400e", "Uddannelse/", "Beskæftigelse"),
        (950, "#1e6b34", "Naboskab/", "Trivsel"),
    ]
    for x, colour, first, second in circles:
        draw.ellipse((x - 150, 130, x + 150, 430), fill=colour)
        draw.text((x, 255), first, fill="#ffffff", font=font(30, True), anchor="mm")
        draw.text((x, 300), second, fill="#ffffff", font=font(30, True), anchor="mm")
    draw.text(
        (width // 2, 500),
        "Kommune · afdelingsbestyrelser · frivillige · drift · boligsociale medarbejdere",
        fill="#1d2327",
        font=font(26),
        anchor="mm",
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
