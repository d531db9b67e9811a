<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an RSS feed of the site as a page when a browser opens it. Every word comes from the
     feed itself (assembly/feeds.py), in the feed's language. -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:site="https://assembly.kz/ns/feed">
  <xsl:output method="html" encoding="utf-8" indent="yes"/>
  <xsl:template match="/rss/channel">
    <html lang="{language}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="title"/></title>
        <style>
          body { font: 1.0625rem/1.55 system-ui, sans-serif; color: #1c2430; margin: 0 auto; max-width: 42rem; padding: 1rem; }
          .about { background: #eef4fb; border-left: 4px solid #0b5394; padding: .75rem 1rem; margin: 1rem 0 2rem; }
          h1 { font-size: 1.6rem; line-height: 1.25; }
          ul { list-style: none; padding: 0; }
          li { border-top: 1px solid #d6dbe1; padding: 1rem 0; }
          li h2 { font-size: 1.15rem; margin: 0 0 .25rem; }
          a { color: #0b5394; }
          time { color: #5a6472; font-size: .9rem; }
        </style>
      </head>
      <body>
        <p class="about"><xsl:value-of select="site:about"/>
          <xsl:text> </xsl:text><a href="{site:feeds_page}"><xsl:value-of select="site:feeds_page_label"/></a></p>
        <h1><xsl:value-of select="title"/></h1>
        <p><xsl:value-of select="description"/></p>
        <p><a href="{link}"><xsl:value-of select="site:open_label"/></a></p>
        <ul>
          <xsl:for-each select="item">
            <li>
              <h2><a href="{link}"><xsl:value-of select="title"/></a></h2>
              <time><xsl:value-of select="pubDate"/></time>
              <p><xsl:value-of select="description"/></p>
            </li>
          </xsl:for-each>
        </ul>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
